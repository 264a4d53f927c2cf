"""The five main screens, one file each."""
