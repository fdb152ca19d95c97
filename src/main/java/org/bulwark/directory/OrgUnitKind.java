package org.bulwark.directory;

/** College → major → class for students; departments; external employers; the affiliated schools. */
public enum OrgUnitKind { COLLEGE, MAJOR, CLASS, DEPARTMENT, EMPLOYER, SCHOOL }
