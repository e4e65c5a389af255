"""Renderers turn a trace into rich renderables or JSON-ready dicts; they never compute."""
