"""`fachakte new`: a new Fachakte that validates from the first minute and guides its authors."""
