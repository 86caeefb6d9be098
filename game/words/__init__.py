"""The words both front ends use for what the engine returns: the window and the terminal say
the same things in the same way because they take them from here.

- :mod:`game.words.names` — dates, names inside sentences, offices as posts, ids typed in any case;
- :mod:`game.words.odds` — what each odds figure is the chance of;
- :mod:`game.words.goal` — the ladder of outcomes, what each rung needs and where you stand;
- :mod:`game.words.conditions` — a scenario's condition in plain words.

Pure text from the engine's public values (``game.engine``): no pygame, no files.
"""
