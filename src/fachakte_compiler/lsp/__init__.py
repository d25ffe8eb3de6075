"""`fachakte lsp`: the catalogue's rules, ids and formatting in the editor (Language Server
Protocol over stdio, built on pygls)."""
