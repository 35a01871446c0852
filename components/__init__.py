"""The Streamlit side of Tonlage: cached wrappers, pure figure builders, shared controls."""
