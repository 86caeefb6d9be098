"""Short sounds made by the game itself with numpy (no recorded audio to license).

Where no audio device exists (a server, CI) every call is silently a no-op.
"""

from __future__ import annotations

import pygame

RATE = 22050


def _tone(freqs: list[float], seconds: float, decay: float, noise: float = 0.0):
    import numpy as np  # only when a sound is first played: keeps numpy off the first frame

    t = np.arange(int(RATE * seconds)) / RATE
    wave = sum(np.sin(2 * np.pi * f * t) for f in freqs) / max(1, len(freqs))
    if noise:
        wave = (1 - noise) * wave + noise * np.random.default_rng(7).uniform(-1, 1, t.size)
    envelope = np.exp(-t * decay) * np.minimum(1.0, t * 400)
    return (wave * envelope * 0.5 * 32767).astype(np.int16)


RECIPES = {
    "click": lambda: _tone([880.0], 0.05, 60.0),
    "tick": lambda: _tone([1320.0], 0.03, 90.0),
    "stamp": lambda: _tone([90.0, 135.0], 0.25, 18.0, noise=0.35),  # a card laid down
    "carried": lambda: _tone([392.0, 494.0, 587.0], 0.45, 6.0),  # a motion carried
    "defeated": lambda: _tone([196.0, 233.0], 0.45, 6.0),
}


class Sound:
    def __init__(self, volume: float) -> None:
        self.volume = volume
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        try:
            pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            self.enabled = pygame.mixer.get_init() is not None
        except pygame.error:
            self.enabled = False

    def play(self, name: str) -> None:
        if not self.enabled or self.volume <= 0:
            return
        snd = self._sounds.get(name)
        if snd is None:
            samples = RECIPES[name]()
            channels = pygame.mixer.get_init()[2]
            if channels > 1:
                samples = samples[:, None].repeat(channels, axis=1)
            snd = self._sounds[name] = pygame.sndarray.make_sound(samples.copy(order="C"))
        snd.set_volume(self.volume)
        snd.play()
