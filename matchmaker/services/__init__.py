"""Use cases: map rows to domain inputs, call the domain, save. Only services commit."""
