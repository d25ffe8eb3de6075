"""`fachakte fmt`: canonical layout of definition files with comments preserved (ruamel.yaml)."""
