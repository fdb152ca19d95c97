package org.bulwark.directory;

/** The kind of identity document: resident ID card (居民身份证), passport, or another permit. */
public enum IdType { RESIDENT_ID, PASSPORT, OTHER }
