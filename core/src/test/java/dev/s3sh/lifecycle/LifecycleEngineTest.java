package dev.s3sh.lifecycle;

import dev.s3sh.document.DocumentProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleEngineTest {
    private static List<String> rendered(String xml) {
        return LifecycleValidator.validate(LifecycleDocument.read(xml, "lc.xml")).stream().map(DocumentProblem::render).toList();
    }

    @Test
    void problemsNameTheLineAndColumnOfTheElement() {
        List<String> problems = rendered("""
                <LifecycleConfiguration>
                  <Rule>
                    <ID>a</ID>
                    <Filter/>
                    <Status>Enabled</Status>
                    <Expiration><Days>0</Days></Expiration>
                  </Rule>
                </LifecycleConfiguration>
                """);
        assertTrue(problems.contains("lc.xml:6:17: rule 1: <Days> is '0'; RGW takes a whole number of days, 1 or more (InvalidArgument)"),
                problems.toString());
    }

    @Test
    void xmlThatIsNotWellFormedIsOneLocatedError() {
        LifecycleDocument doc = LifecycleDocument.read("<LifecycleConfiguration>\n  <Rule>\n</LifecycleConfiguration>\n", "lc.xml");
        assertFalse(doc.readable());
        assertEquals(1, doc.problems().size());
        assertTrue(doc.problems().get(0).render().startsWith("lc.xml:3:"), doc.problems().toString());
    }

    @Test
    void aDoctypeIsRefused() {
        LifecycleDocument doc = LifecycleDocument.read("<!DOCTYPE x [<!ENTITY e \"boom\">]><LifecycleConfiguration/>", "lc.xml");
        assertFalse(doc.readable());
    }

    @Test
    void lintWarnsOfAnExpirationBeforeTheTransitionAndOfNoAbortRule() {
        List<String> problems = rendered("<LifecycleConfiguration><Rule><ID>a</ID><Filter/><Status>Enabled</Status>"
                + "<Transition><Days>30</Days><StorageClass>STANDARD</StorageClass></Transition>"
                + "<Expiration><Days>10</Days></Expiration></Rule></LifecycleConfiguration>");
        assertTrue(problems.stream().anyMatch(p -> p.contains("warning: rule 1: objects expire after 10 days, before")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("warning: no enabled rule aborts incomplete multipart uploads")), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> !p.contains("warning:")), problems.toString());
    }

    @Test
    void theAbortTemplateIsValidAndSilent() {
        Lifecycle lc = LifecycleTemplates.lifecycle("abort-incomplete-uploads", 7, "");
        List<String> problems = rendered(LifecycleXml.write(lc));
        assertEquals(List.of(), problems);
    }

    @Test
    void writtenXmlReadsBackAsTheSameConfiguration() {
        Lifecycle lc = LifecycleTemplates.lifecycle("expire", 30, "logs/&<tmp>");
        LifecycleDocument doc = LifecycleDocument.read(LifecycleXml.write(lc), "x");
        assertEquals(lc, doc.lifecycle());
    }

    @Test
    void sameAsRgwStoresIt() {
        Lifecycle sent = LifecycleDocument.read("<LifecycleConfiguration><Rule><Filter><And><Prefix>p</Prefix>"
                + "<Tag><Key>k</Key><Value>v</Value></Tag></And></Filter><Status>Enabled</Status>"
                + "<Expiration><Days>3</Days></Expiration></Rule><Rule><ID>b</ID><Filter/><Status>Enabled</Status>"
                + "<Expiration><Days>4</Days></Expiration></Rule></LifecycleConfiguration>", "sent").lifecycle();
        Lifecycle stored = LifecycleDocument.read("<LifecycleConfiguration><Rule><ID>random</ID><Filter><Prefix>p</Prefix>"
                + "<Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>"
                + "<Expiration><Days>3</Days></Expiration></Rule><Rule><ID>b</ID><Prefix></Prefix><Status>Enabled</Status>"
                + "<Expiration><Days>4</Days></Expiration></Rule></LifecycleConfiguration>", "stored").lifecycle();
        assertTrue(LifecycleXml.same(sent, stored));
        Lifecycle other = LifecycleTemplates.lifecycle("expire", 4, "");
        assertFalse(LifecycleXml.same(sent, other));
        assertTrue(LifecycleXml.same(null, null));
        assertFalse(LifecycleXml.same(null, other));
    }

    @Test
    void unknownElementsAreWarningsAndNotKept() {
        LifecycleDocument doc = LifecycleDocument.read("<LifecycleConfiguration><Rule><ID>a</ID><Filter/><Status>Enabled</Status>"
                + "<Expiration><Days>3</Days></Expiration><Foo>1</Foo></Rule></LifecycleConfiguration>", "lc.xml");
        assertTrue(doc.readable());
        assertTrue(doc.problems().get(0).render().contains("warning: rule 1: <Foo> is not part of <Rule>"), doc.problems().toString());
        assertFalse(LifecycleXml.write(doc.lifecycle()).contains("Foo"));
        assertNull(doc.lifecycle().rules().get(0).abortDays());
    }
}
