"""Ballerina: a fight-choreography game and prototyping tool."""

__version__ = "0.1.0"
