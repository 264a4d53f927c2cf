"""The journal itself: models, storage, the service API and the highlights engine."""
