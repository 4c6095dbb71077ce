package dev.s3sh.shell.commands;

import dev.s3sh.app.CorsBehaviours;
import dev.s3sh.app.PublicAccess;

import dev.s3sh.cors.CorsXml;
import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.store.BucketInfo;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code info s3://BUCKET}: what {@code s3cmd info} shows, one item a line, CORS as indented XML. */
public final class InfoCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("info")
                .synopsis("info [s3://BUCKET]")
                .summary("show a bucket's location, payer, expiration, policy, CORS, ACL and whether anyone may read, write or list it")
                .help("Shows what 's3cmd info' shows. BUCKET defaults to the current bucket.")
                .positional(ValueKind.BUCKET)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        S3Path path = ctx.session().resolve(args.positional(0, ""));
        if (path.isRoot()) throw new UsageException("info needs a bucket: info s3://BUCKET, or cd into one first");
        BucketInfo info = ctx.session().store().bucketInfo(path.bucket());
        PublicAccess open = PublicAccess.judge(info.bucket(), info.acl(), info.policy());
        var ruleChoice = new CorsBehaviours(ctx.stateDir()).get(ctx.session().profile().endpointLabel());
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("bucket", info.bucket());
            doc.put("location", info.location());
            doc.put("payer", info.payer());
            doc.put("expirationRule", info.expirationRule().orElse(null));
            doc.put("policy", info.policy().orElse(null));
            doc.put("cors", info.cors().map(CorsXml::write).orElse(null));
            doc.put("acl", info.acl());
            doc.put("public", publicJson(open));
            doc.put("notes", info.notes());
            doc.put("corsRuleChoice", ruleChoice.map(c -> c.behaviour().id()).orElse(null));
            ctx.printJson(doc);
            return ExitCode.OK;
        }
        PrintWriter out = ctx.out();
        out.println(S3Path.visible("s3://" + info.bucket() + "/") + " (bucket):");
        out.println("   Location:  " + S3Path.visible(info.location()));
        out.println("   Payer:     " + S3Path.visible(info.payer()));
        out.println("   Expiration Rule: " + S3Path.visible(info.expirationRule().orElse("none")));
        out.println("   Policy:    " + info.policy().orElse("none"));
        if (info.cors().isEmpty()) {
            out.println("   CORS:      none");
        } else {
            out.println("   CORS:");
            for (String line : CorsXml.write(info.cors().get()).split("\n")) out.println("      " + line);
        }
        if (info.acl().isEmpty()) {
            out.println("   ACL:       none");
        } else {
            for (String grant : info.acl()) out.println("   ACL:       " + S3Path.visible(grant));
        }
        out.println("   Public read:  " + S3Path.visible(open.read().render()));
        out.println("   Public write: " + S3Path.visible(open.write().render()));
        out.println("   Public list:  " + S3Path.visible(open.list().render()));
        for (String note : info.notes()) out.println("   (" + S3Path.visible(note) + ")");
        out.println("   (CORS rule choice of this endpoint: " + ruleChoice
                .map(c -> c.behaviour().id() + ", found by 'cors detect' on " + c.when().toString().substring(0, 10))
                .orElse("not known yet; 'cors detect' finds it") + ")");
        out.flush();
        return ExitCode.OK;
    }

    /** Whether anyone may read, write or list, and why: {@code info}'s and {@code cors audit}'s JSON. */
    static Map<String, Object> publicJson(PublicAccess open) {
        Map<String, Object> pub = new LinkedHashMap<>();
        pub.put("read", open.read().open());
        pub.put("write", open.write().open());
        pub.put("list", open.list().open());
        pub.put("why", Map.of("read", open.read().render(), "write", open.write().render(), "list", open.list().render()));
        return pub;
    }
}
