"""The pipeline proper: header map, rows to typed records, rules, the report."""
