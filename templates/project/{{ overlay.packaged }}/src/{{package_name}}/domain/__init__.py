"""The application's domains, one package each."""
