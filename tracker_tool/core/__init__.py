"""What every stage of the pipeline speaks: findings and their catalogue, the report,
the template stamp, column specs, cell values and wording."""
