package org.bulwark.directory;

/** How someone lives in a place: a bed in a dorm room, an apartment, a household in a residential building. */
public enum ResidenceKind { DORM_BED, APARTMENT, HOUSEHOLD, OTHER }
