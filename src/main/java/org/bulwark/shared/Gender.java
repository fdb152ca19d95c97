package org.bulwark.shared;

public enum Gender { MALE, FEMALE }
