"""Diagnostic codes of the loading stage (FA0xx), documented for `fachakte explain`."""

from __future__ import annotations

from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, code

FA001 = code(
    "FA001",
    "encoding",
    "file is not valid UTF-8 text",
    """
    Definition files must be UTF-8 (a UTF-8 byte-order mark is tolerated). A file saved as
    Latin-1/Windows-1252 is rejected at its first byte that is not UTF-8, with the letter this
    byte is in Windows-1252; a file saved as UTF-16 or UTF-32 is named as such, with or
    without a byte-order mark (told by the zero bytes beside its first letter, as YAML 1.2
    tells the encoding of a stream).
    Fix: save the file as UTF-8 in your editor ("Encoding: UTF-8").""",
)
FA002 = code(
    "FA002",
    "yaml-syntax",
    "YAML syntax error",
    """
    The file is not well-formed YAML. The usual causes are named in plain words where they
    are: an unclosed quote where it opens, a line without ':' after its key, a line whose
    indentation matches no line above it (with the line to align it with), a '-' without a
    space after it, a ': ' inside an unquoted text, a second document after '---', an alias
    without its anchor, an anchor defined twice. Anything else (e.g. nesting deeper than 64
    levels) keeps the parser's words, in the user's language, at the place where it gave up.
    An unquoted date that names no day of the calendar (`valid_from: 2026-02-30`,
    `2026-13-01`) cannot be read either: the message says which part is wrong (February 2026
    has 28 days); write an existing day as YYYY-MM-DD. Quotes would not help where a date is
    expected, and a text that looks like a date belongs in quotes anyway.
    While a file cannot be read, findings that would depend on it (such as FA802 on
    aktenplan.yaml) are not reported.""",
    examples=(
        Example("delegations.yaml", "valid_from: 2026-01-01", "valid_from: 2026-02-30", "2026-02"),
    ),
)
FA003 = code(
    "FA003",
    "duplicate-key",
    "duplicate key in a mapping",
    """
    A key occurs twice in the same mapping. YAML parsers disagree on which value wins, so the
    file is ambiguous. Remove or rename one of them.""",
)
FA004 = code(
    "FA004",
    "unknown-tag",
    "unsupported YAML tag, anchor merge or binary value",
    """
    Only plain YAML data is allowed: strings, numbers, booleans, null, lists and mappings.
    Explicit tags such as `!!python/object`, `!include` or `!!binary`, and merge keys (`<<`),
    are rejected because they would make the meaning of a definition depend on the loader.""",
)
FA005 = code(
    "FA005",
    "non-string-key",
    "mapping key is not a string",
    """
    Keys must be strings. YAML 1.1 reads unquoted `on`, `off`, `yes`, `no` as booleans and `1`
    as a number, also as keys. Quote the key or use a proper name.""",
)
FA006 = code(
    "FA006",
    "alias-bomb",
    "too many or recursive aliases",
    """
    Anchors and aliases (`&a`, `*a`) may be used sparingly. A document whose aliases expand to
    more than 5000 nodes, or that refers to itself, is rejected to protect against
    "billion laughs" attacks.""",
)
FA007 = code(
    "FA007",
    "tab-indentation",
    "tab character in indentation",
    """
    YAML forbids tabs for indentation. Replace them by spaces (two per level in this
    catalogue); `fachakte fmt` rewrites files canonically once they parse.""",
)
FA008 = code(
    "FA008",
    "empty-file",
    "file is empty",
    """
    The file contains no YAML document (only whitespace or comments). Delete it or fill it;
    `fachakte new ID --owners A,B,C` scaffolds a Fachakte.""",
)
FA009 = code(
    "FA009",
    "root-not-mapping",
    "top level is not a mapping",
    """
    A definition file must be a mapping of keys to values at the top level, e.g. `id: wohngeld`.
    A list or a single value at the top level cannot be a definition.""",
)
FA010 = code(
    "FA010",
    "file-too-large",
    "file is larger than 4 MiB or holds more than 100 000 YAML nodes",
    """
    Definition files are small by nature; a file above 4 MiB is refused without being parsed
    so that a broken or hostile file cannot exhaust memory. A file that holds more than
    100 000 YAML nodes (keys, values, lists and mappings; the largest shipped Fachakte holds
    about 1 200) is refused at the node beyond that number, before the nodes are built: a
    list of two million short items fits into 4 MiB but would take a minute and more than a
    gigabyte to read. Split such a file, or check that it is a definition file at all.""",
)
FA011 = code(
    "FA011",
    "yaml11-coercion",
    "YAML 1.1 changed the meaning of an unquoted value",
    """
    YAML 1.1 (the dialect most tools read) turns some unquoted values into other types:
    `no`, `yes`, `on`, `off` become booleans, `010` becomes 8 (octal), `1_000` becomes 1000,
    `1:30` becomes 90, `2024-01-01` becomes a date, `50.20` becomes the number 50.2.
    The other way round, YAML 1.2 (editors, the YAML language server) reads `09`, `05958004`,
    `0o17` and `1e3` as numbers where YAML 1.1 keeps a text, and `no`, `yes`, `on`, `off` as
    texts, also where a boolean is expected (`required: no`); the file would mean one thing in
    the editor and another here.
    Where a text is meant, put it in quotes: `key: "010"`. Where a number is meant, write it
    plainly: `10`; where a boolean is meant, write `true` or `false`.""",
    examples=(Example(EXAMPLE_FACHAKTE, "title: Beispielakte\n", "title: no\n", "no"),),
)
FA012 = code(
    "FA012",
    "unreadable",
    "file cannot be read",
    """
    The file could not be opened (missing, or no permission), or a name in the catalogue
    folder that ends in `.yaml` or `.yml` is no regular file: a folder, a named pipe (FIFO), a
    socket, a device file, or a symbolic link whose target does not exist or cannot be
    followed. Such a name is never opened (reading a FIFO would wait for a writer forever) and
    is named with what it is. Put the definition file itself in its place, or remove the name;
    rename a folder so that its name does not end in `.yaml` or `.yml`.""",
)
FA014 = code(
    "FA014",
    "yaml-read-differently",
    "YAML that parsers read differently than it looks",
    """
    Some YAML is read differently by the loader (libyaml) than YAML 1.2 and editors read it,
    or is easily misread by people. It is refused rather than guessed:
    text right after a closing quote (`title: "Wohngeld"# Kommentar`; put a space before `#`);
    a quoted text or a flow list/mapping whose next line starts in column 1 or not further
    right than its key (indent the continuation); a comment on the `|` or `>` line of a block
    text (put it above the key); an anchor with characters other than letters, digits, `-`
    and `_` (`&wg:neu` is read as the anchor `wg` and the text `:neu …`); `?` directly before
    a key in `{ }` (`{ ?foo: bar }`); a block text whose last line holds only spaces (remove
    them); a tab outside quotes, block texts and comments (`title:<tab>Wohngeld`, or inside an
    unquoted text), which libyaml reads as a space but ruamel.yaml, the YAML 1.2 reader of
    `fachakte fmt`, refuses (write a space; a tab inside a text needs double quotes: `\\t`).""",
)
FA015 = code(
    "FA015",
    "xml-forbidden-character",
    "a text holds a character that XML cannot carry",
    """
    Escapes in double quotes can produce control characters (`"\\x01"`), lone surrogates
    (`"\\ud800"`), U+FFFE/U+FFFF or a carriage return (`"\\r"`). XML 1.0 forbids the first ones
    and reads a carriage return back as a line feed, so the xdomea and Doxis4 outputs could not
    hold the text as written. Remove the character; a line break is `\\n`.""",
)
FA016 = code(
    "FA016",
    "unicode-line-separator",
    "a Unicode line or paragraph separator in the file",
    """
    U+2028 (LINE SEPARATOR), U+2029 (PARAGRAPH SEPARATOR) and U+0085 (NEXT LINE) are line
    breaks for the YAML 1.1 loader but not for YAML 1.2 and most editors: line numbers and the
    value itself would differ from what the editor shows. Replace the character by a normal
    line break or a space; inside double quotes `\\u2028` can be written as an escape.""",
)
FA020 = code(
    "FA020",
    "file-not-read",
    "definition file in a place the catalogue does not read",
    """
    The catalogue reads `tenants.yaml`, `delegations.yaml` and `aktenplan.yaml` at its top,
    every `*.yaml` directly in `fachakten/` and every `*.yaml` directly in `bausteine/` (`.yml`
    is read as `.yaml`). A YAML file anywhere else in the catalogue folder (a subfolder of
    `fachakten/`, another file at the top) would silently never be checked or compiled. Move it
    to one of those places, or out of the catalogue folder.
    An extension in other letters (`wohngeld.YAML`, `wohngeld.Yml`, `Tenants.YAML`) is reported
    too, with the name to rename it to (`wohngeld.yaml`): ids and Doxis4 names derive from file
    names, and a file system that ignores case would not tell the two spellings apart.
    A name starting with `._` (`._wohngeld.yaml`) is what a Mac writes beside a file on a
    network or FAT drive (AppleDouble): never a definition, reported so that it is deleted.""",
)
FA021 = code(
    "FA021",
    "link-outside-catalogue",
    "definition file is a symbolic link to a file outside the catalogue",
    """
    A definition file in the catalogue is a symbolic link whose target lies outside the
    catalogue folder. The catalogue would then depend on a file that is neither in its folder
    nor in its git history, and a release would not contain what it names; the file is not
    read. Copy the file into the catalogue instead of linking to it. A link to another file of
    the catalogue itself is reported too: that file is read once, under its own name, so the
    link's name would silently stand for nothing.""",
)
