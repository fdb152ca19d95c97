package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;

import org.bulwark.directory.imports.ColumnMapping;
import org.bulwark.directory.imports.ImportKind;
import org.bulwark.directory.imports.SpreadsheetReader;
import org.bulwark.system.TableExport;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Every template, in both languages and both formats, reads back as a file whose columns map themselves. */
class ImportTemplatesUnitTest {

	private final ImportTemplates templates = new ImportTemplates(messages());

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames("messages/system", "messages/directory", "messages/import");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

	@Test
	void everyTemplateMapsAllItsColumnsWhenReadBack() throws Exception {
		for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
			for (TableExport.Format format : TableExport.Format.values()) {
				for (ImportKind kind : ImportKind.values()) {
					for (Population population : kind == ImportKind.PEOPLE ? Population.values() : new Population[] {null}) {
						ByteArrayOutputStream out = new ByteArrayOutputStream();
						templates.write(kind, population, format, locale, out);
						var table = SpreadsheetReader.read(out.toByteArray(), "t." + format.extension());
						int header = ColumnMapping.headerRow(table.rows(), kind);
						String what = kind + "/" + population + "/" + format + "/" + locale;
						assertThat(header).as(what).isEqualTo(1);
						var mapping = ColumnMapping.map(table.rows().get(header), java.util.Map.of(), kind);
						assertThat(mapping.values()).as(what)
							.containsExactlyElementsOf(ImportTemplates.fields(kind, population));
						assertThat(kind.missing(mapping)).as(what).isEmpty();
					}
				}
			}
		}
	}
}
