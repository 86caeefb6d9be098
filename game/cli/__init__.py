"""The command line: `politburo play --text`, `politburo validate`, and the terminal game."""
