"""Pure domain core: no Flask, no database, no I/O."""
