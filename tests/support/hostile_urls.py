"""Addresses a user may give a URL option by mistake: with credentials in them, or malformed
(each must be one usage error, never an internal error)."""

# url -> (the secret that must appear nowhere, what the address is shown as)
WITH_CREDENTIALS = {
    "https://sit-admin:Geheim4711@127.0.0.1:9/": ("Geheim4711", "https://***@127.0.0.1:9/"),
    "https://sit-admin:Geheim#4711@127.0.0.1:9/": ("Geheim", "https://***@127.0.0.1:9/"),
    "https://sit-admin:Ge/heim?4711@127.0.0.1:9/": ("heim", "https://***@127.0.0.1:9/"),
    "https://sit-admin:Geheim%404711@dms.example/": ("Geheim", "https://***@dms.example/"),
    "https://sit-admin:Ge@heim4711@dms.example/": ("heim4711", "https://***@dms.example/"),
    "https://sit-admin@dms.example/": ("sit-admin", "https://***@dms.example/"),
    "https://:Geheim4711@dms.example/": ("Geheim4711", "https://***@dms.example/"),
    "http://sit-admin:Geheim4711@10.1.2.3/": ("Geheim4711", "http://***@10.1.2.3/"),
    "ftp://sit-admin:Geheim4711@dms.example/": ("Geheim4711", "ftp://***@dms.example/"),
    "sit-admin:Geheim4711@dms.example": ("Geheim4711", "***@dms.example"),
    "https://sit-admin:Geheim4711@[::1/": ("Geheim4711", "https://***@[::1/"),
}
MALFORMED = [
    "https://127.0.0.1:notaport/",
    "https://127.0.0.1:0/",
    "https://127.0.0.1:65536/",
    "https://127.0.0.1:99999999999999999999/",
    "https://127.0.0.1:+443/",
    "https://127.0.0.1:/",
    "https://dms.example:443:443/",
    "https://[::1",
    "https://::1]/",
    "https://[::1]x/",
    "https://[::1]]/",
    "https://[not-an-address]/",
    "https://[::1]:notaport/",
    "https:///restws",
    "https://",
    "https://:443/",
    "https://dms..example/",
    "https://ho%st/",
    "https://dms.example\\evil/",
    "https://dms example/",
    "https://dms.example/a b",
    " https://dms.example/",
    "https://dms.example/\t",
    "https://dms.example\x07/",
    "https://dms.example/\x1b[31m",
    "https:dms.example",
    "ftp://dms.example",
    "dms.example",
    "",
]
# Malformed where a path is appended to the address (a server's API root).
WITH_QUERY_OR_FRAGMENT = [
    "https://dms.example/?customerName=x",
    "https://dms.example?x",
    "https://dms.example/?",
    "https://dms.example/#top",
]
