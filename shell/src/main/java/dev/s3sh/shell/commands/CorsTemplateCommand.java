package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsJson;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.cors.CorsTemplates;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code cors template [NAME]}: starting points to edit from. */
public final class CorsTemplateCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors template")
                .synopsis("cors template [NAME] [--output xml|json]")
                .summary("print a starter CORS configuration (public-read, tutorial, browser-upload, spa-dev)")
                .help("Without NAME lists the templates. With NAME prints it as XML with a comment saying what to adapt\n"
                        + "(or the AWS CLI's JSON with --output json), ready for 'cors template NAME > cors.xml', an edit and\n"
                        + "'cors set cors.xml'.")
                .positional(ValueKind.choice(CorsTemplates.all().stream().map(CorsTemplates.Template::name).toArray(String[]::new)))
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        if (args.positionals().size() > 1) throw new UsageException("cors template takes at most one NAME");
        String name = args.positional(0, null);
        if (name == null) {
            if (args.json()) {
                List<Map<String, String>> list = CorsTemplates.all().stream()
                        .map(t -> Map.of("name", t.name(), "summary", t.summary())).toList();
                ctx.printJson(Map.of("templates", list));
            } else {
                for (CorsTemplates.Template t : CorsTemplates.all()) ctx.out().printf("%-15s %s%n", t.name(), t.summary());
            }
            return ExitCode.OK;
        }
        CorsTemplates.Template t = CorsTemplates.named(name);
        if (t == null) {
            throw new UsageException("no template '" + name + "': there are "
                    + String.join(", ", CorsTemplates.all().stream().map(CorsTemplates.Template::name).toList()));
        }
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("CORSRules", CorsJson.rules(t.configuration()));
            ctx.printJson(doc);
        } else {
            ctx.out().print(t.xml());
        }
        ctx.out().flush();
        return ExitCode.OK;
    }
}
