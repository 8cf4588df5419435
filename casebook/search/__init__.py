"""Finding a case by any spelling or script: keys, index, snapshots."""
