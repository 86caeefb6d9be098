"""The classroom network: one game across the class's computers (:mod:`game.net.room`, served
by :mod:`game.net.host`, joined with :mod:`game.net.client`), the solo games that report to the
same host (:mod:`game.net.classroom`), and the teacher's live page (:mod:`game.net.dashboard`).
The messages are :mod:`game.net.protocol`'s; a seat's copy of the game crosses the wire as
:mod:`game.net.wire` packs it."""
