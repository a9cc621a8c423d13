"""Pure domain: entities, validation and Vietnamese text rules; no I/O, no Qt."""
