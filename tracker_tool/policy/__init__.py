"""The service's own policy, its TOML file, working days per nation and the audit date."""
