package org.bulwark.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontSelector;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import org.bulwark.control.ControlCases.Case;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The printed documents of a control case: the isolation notice (隔离告知书) handed to the person when
 * the case opens and the release certificate (解除隔离证明) when it ends. They are official Chinese
 * documents, so they are written in Chinese whatever the user's language, with the CJK font embedded
 * (DroidSansFallbackFull, Apache-2.0, shipped in the jar; only the glyphs used are embedded).
 */
@Component
class CaseDocuments {

	private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

	private final MessageSource messages;
	private final JdbcClient jdbc;
	private final byte[] font;

	private final java.time.ZoneId zone;

	CaseDocuments(MessageSource messages, JdbcClient jdbc,
			@org.springframework.beans.factory.annotation.Value("${bulwark.health.time-zone:Asia/Shanghai}") java.time.ZoneId zone) {
		this.zone = zone;
		this.messages = messages;
		this.jdbc = jdbc;
		try (InputStream in = CaseDocuments.class.getResourceAsStream("/fonts/DroidSansFallbackFull.ttf")) {
			if (in == null) {
				throw new IllegalStateException("the CJK font fonts/DroidSansFallbackFull.ttf is missing from the classpath");
			}
			this.font = in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The isolation notice: who, why, each phase with its dates, the test days, the release criteria and the rules. */
	byte[] notice(long schoolId, Case c, CasePlan plan) {
		return write(doc -> {
			Font[][] f = fonts();
			title(doc, m("control.pdf.notice.title"), f[0]);
			doc.add(para(m("control.pdf.notice.to", c.personName()), f[1]));
			doc.add(para(m("control.pdf.notice.body", m("category." + c.category()), date(plan.start()), date(plan.releaseDate())), f[1]));
			PdfPTable table = new PdfPTable(new float[] {3, 3, 3});
			table.setWidthPercentage(100);
			table.setSpacingBefore(8);
			table.setSpacingAfter(8);
			for (String h : List.of(m("control.pdf.measure"), m("control.pdf.from"), m("control.pdf.until"))) {
				table.addCell(cell(h, f[2]));
			}
			for (CasePlan.Dated d : plan.phases()) {
				table.addCell(cell(m("measure." + d.measure()), f[1]));
				table.addCell(cell(date(d.starts()), f[1]));
				table.addCell(cell(date(d.ends()), f[1]));
			}
			doc.add(table);
			if (!plan.testDates().isEmpty()) {
				doc.add(para(m("control.pdf.tests", String.join("、", plan.testDates().stream().map(CaseDocuments::date).toList())), f[1]));
			}
			if (plan.policy().checksPerDay() > 0) {
				doc.add(para(m("control.pdf.checks", plan.policy().checksPerDay()), f[1]));
			}
			if (plan.policy().releaseCriteria() != null) {
				doc.add(para(m("control.pdf.criteria", plan.policy().releaseCriteria()), f[1]));
			}
			doc.add(para(m("control.pdf.notice.rules"), f[1]));
			footer(doc, schoolId, f[1]);
		});
	}

	/** The release certificate: who was under which measures from when, and released on which day. */
	byte[] certificate(long schoolId, Case c, CasePlan plan, LocalDate releasedOn) {
		return write(doc -> {
			Font[][] f = fonts();
			title(doc, m("control.pdf.certificate.title"), f[0]);
			String measures = String.join("、", plan.phases().stream().map(d -> m("measure." + d.measure())).distinct().toList());
			doc.add(para(m("control.pdf.certificate.body", c.personName(), c.personCode() == null ? "-" : c.personCode(),
					m("category." + c.category()), date(plan.start()), measures, date(releasedOn)), f[1]));
			doc.add(para(m("control.pdf.certificate.note"), f[1]));
			footer(doc, schoolId, f[1]);
		});
	}

	private interface Body {
		void write(Document doc) throws DocumentException;
	}

	private byte[] write(Body body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document doc = new Document(PageSize.A4, 60, 60, 60, 60);
		try {
			PdfWriter.getInstance(doc, out);
			doc.open();
			body.write(doc);
		} catch (DocumentException e) {
			throw new IllegalStateException(e);
		} finally {
			doc.close();
		}
		return out.toByteArray();
	}

	/** Title, body and header fonts; each pairs Helvetica (the fallback font has no Latin letters or digits) with the CJK font. */
	private Font[][] fonts() {
		try {
			BaseFont base = BaseFont.createFont("DroidSansFallbackFull.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, font, null);
			return new Font[][] {{new Font(Font.HELVETICA, 20, Font.BOLD), new Font(base, 20, Font.BOLD)},
					{new Font(Font.HELVETICA, 12), new Font(base, 12)}, {new Font(Font.HELVETICA, 12, Font.BOLD), new Font(base, 12, Font.BOLD)}};
		} catch (DocumentException | IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Paragraph para(String text, Font[] fonts) {
		FontSelector selector = new FontSelector();
		for (Font f : fonts) {
			selector.addFont(f);
		}
		Paragraph p = new Paragraph();
		p.add(selector.process(text));
		return p;
	}

	private static void title(Document doc, String text, Font[] font) throws DocumentException {
		Paragraph p = para(text, font);
		p.setAlignment(Element.ALIGN_CENTER);
		p.setSpacingAfter(18);
		doc.add(p);
	}

	private void footer(Document doc, long schoolId, Font[] font) throws DocumentException {
		String school = jdbc.sql("select name from school where id = ?").param(schoolId).query(String.class).single();
		Paragraph p = para(school + "\n" + date(LocalDate.now(zone)), font);
		p.setAlignment(Element.ALIGN_RIGHT);
		p.setSpacingBefore(36);
		doc.add(p);
	}

	private static PdfPCell cell(String text, Font[] font) {
		PdfPCell cell = new PdfPCell(para(text, font));
		cell.setPadding(5);
		return cell;
	}

	private static String date(LocalDate d) {
		return d.format(DATE);
	}

	private String m(String key, Object... args) {
		return messages.getMessage(key, args, key, ZH);
	}
}
