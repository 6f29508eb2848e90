"""The themes' painters: importing `game.render.themes.opera` and `.alley` registers their layer kinds,
platform looks and prop looks (the stage and the prop painter do so when they start).

common.py holds the generic layers and the parallax machinery; opera.py and alley.py the two story
levels' stages. Their docstrings list the layer kinds and looks a level file may use.
"""
