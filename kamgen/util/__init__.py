"""Small helpers every layer may use: parallel work, packed text."""
