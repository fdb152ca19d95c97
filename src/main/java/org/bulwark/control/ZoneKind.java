package org.bulwark.control;

/**
 * The four kinds of isolation zone used on campuses: transfer temporary settlement (转运临时安置区),
 * centralized health management (集中健康管理区), centralized health observation (集中健康观察区) and
 * backup observation (备用健康观察区).
 */
public enum ZoneKind { TRANSFER_SETTLEMENT, HEALTH_MANAGEMENT, HEALTH_OBSERVATION, BACKUP_OBSERVATION }
