package org.bulwark.directory;

/** The level of a place in the tree campus → area → building → floor → room. */
public enum PlaceKind { CAMPUS, AREA, BUILDING, FLOOR, ROOM }
