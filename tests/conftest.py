"""Shared fixtures: real databases (SQLite + PostgreSQL) and a real search index.

Test modules use the fixtures by name; never import them (ruff F811).
"""

pytest_plugins = ["tests.db_fixtures", "tests.runtime_fixtures"]
