"""Accounts: registration, login (JWT access tokens), the current user."""
