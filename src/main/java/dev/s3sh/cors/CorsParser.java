package dev.s3sh.cors;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CORS document. MINIMAL FIRST VERSION (XML only, no locations beyond the first error):
 * the full parser (JSON shapes, size cap, per-element locations) replaces this class body while
 * keeping {@link #parse(String, String)}.
 */
public final class CorsParser {
    private CorsParser() {
    }

    public static CorsConfiguration parse(String text, String sourceName) throws CorsParseException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<CorsRule> rules = new ArrayList<>();
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new StringReader(text));
            String id = null;
            Integer maxAge = null;
            List<String> methods = null, origins = null, headers = null, expose = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event != XMLStreamConstants.START_ELEMENT) {
                    if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("CORSRule")) {
                        rules.add(new CorsRule(id, methods, origins, headers, expose, maxAge));
                    }
                    continue;
                }
                switch (r.getLocalName()) {
                    case "CORSRule" -> {
                        id = null;
                        maxAge = null;
                        methods = new ArrayList<>();
                        origins = new ArrayList<>();
                        headers = new ArrayList<>();
                        expose = new ArrayList<>();
                    }
                    case "ID" -> id = r.getElementText();
                    case "AllowedMethod" -> methods.add(r.getElementText());
                    case "AllowedOrigin" -> origins.add(r.getElementText());
                    case "AllowedHeader" -> headers.add(r.getElementText());
                    case "ExposeHeader" -> expose.add(r.getElementText());
                    case "MaxAgeSeconds" -> maxAge = Integer.valueOf(r.getElementText().trim());
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new CorsParseException(sourceName + ": not a readable CORS document", List.of(sourceName + ": " + e.getMessage()));
        }
        return new CorsConfiguration(rules);
    }
}
