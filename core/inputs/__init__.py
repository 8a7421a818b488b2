"""What people write, read and checked: ``cycle.toml`` and an ente's data folder or workbook.

Every problem is collected and reported at once; nothing read is ever changed."""
