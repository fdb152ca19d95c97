package org.bulwark.directory;

import org.bulwark.directory.imports.ImportKind;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The two tree imports share their rules and differ only in the tree they grow. */
@Configuration
class ImportRowsConfig {

	@Bean
	ImportRows orgUnitImportRows(JdbcClient jdbc, ScopeFilter scopes, TreeEditing editing, MessageSource messages) {
		return new TreeImportRows(ImportKind.ORG_UNITS, jdbc, scopes, editing, messages);
	}

	@Bean
	ImportRows placeImportRows(JdbcClient jdbc, ScopeFilter scopes, TreeEditing editing, MessageSource messages) {
		return new TreeImportRows(ImportKind.PLACES, jdbc, scopes, editing, messages);
	}
}
