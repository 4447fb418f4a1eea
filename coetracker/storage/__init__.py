"""Persistence: SQLAlchemy ORM, engine set-up, Alembic migrations, backups. No Qt."""
