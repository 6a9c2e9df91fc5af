"""Language data (word lists and patterns), one module per language."""
