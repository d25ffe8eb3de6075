// Runs generated Doxis4 scripts against in-memory fake organizations, all in one JVM.
// Usage: groovy run_scenarios.groovy <jobs.json> <results.json> <classes dir> <source>...
// The sources (the API stubs and the fake) are compiled into <classes dir> first, in this JVM.
// jobs.json: {"shared_starts": ["<line>", ..], "runs": [{"label", "server", "script", "args": [..], "bind": {..},
//             "seed": {"schemes", "retention_rules", "record_classes", "document_classes"},
//             "admin_class_entries": [{"object_type", "object", "entry_type", "identifier", "rights"}]}]}
// ("admin_class_entries" plays the administrator who sets class rights in cubeDesigner.)
// A run reuses the fake organization of an earlier run with the same "server" (its "seed" is used
// only when the organization is new). For every run, results.json holds the script's printed
// lines, its return value or error, the fake's journal of writes and the organization's state
// (unless the run says "state": false).
// Compiling: most of a script's compile time goes to parts that are the same text in many scripts
// (the class Provisioner, statically compiled, and the class ValueListRows). Each line in
// "shared_starts" that is a whole line of the script once starts such a part (a line found more
// than once makes the script compile whole); a part runs to the next one or to the end, and the
// remainder is the script before the first. Each part is compiled once per distinct text (and
// distinct texts of the parts before it in "shared_starts"), with the script's import lines, in
// a class loader of its own whose parent holds the parts before it; the remainder is compiled
// against the last. The split is used only if remainder + parts is the script, byte for byte,
// and no class is declared twice among them; otherwise, and whenever a part does not compile,
// the whole script is compiled as one, as groovy would, and its verdict counts. A script's first
// run says how it was compiled: "compiled" ("split" or "whole"), "shared" (per part, which of
// its distinct texts, counted from 1, or null), "split_error" (when a part failed) and
// "compile_seconds".
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.runtime.InvokerHelper

Map jobs = (Map) new JsonSlurper().parse(new File(args[0]), 'UTF-8')
CompilerConfiguration config = new CompilerConfiguration()
config.sourceEncoding = 'UTF-8'
// The stubs and the fake, compiled as groovyc would, without a JVM of their own.
File classes = new File(args[2])
CompilerConfiguration fakeConfig = new CompilerConfiguration(config)
fakeConfig.targetDirectory = classes
CompilationUnit fakeUnit = new CompilationUnit(fakeConfig)
args.drop(3).each { fakeUnit.addSource(new File(it)) }
fakeUnit.compile(Phases.OUTPUT)
GroovyClassLoader fakeLoader = new GroovyClassLoader(this.class.classLoader, config)
fakeLoader.addClasspath(classes.path)
Class fakeServer = fakeLoader.loadClass('fake.FakeServer')
Map<String, Object> servers = [:]
Map<String, Object> compiled = [:]  // script path -> its class, or the compiler's message
GroovyClassLoader loader = new GroovyClassLoader(fakeLoader, config)
List<String> sharedStarts = (List<String>) (jobs.shared_starts ?: [])
// The sources (imports + part) of a chain of parts -> [loader: the loader that holds the last
// one's classes], or [error: the compiler's message].
Map<List<String>, Map> shared = [:]
// Per part: its distinct sources, numbered from 1.
List<Map<String, Integer>> numbers = sharedStarts.collect { [:] }

// The names of the classes, interfaces, traits and enums `text` declares. A declaration starts a
// line (after annotations and modifiers); comments that name a class do not.
List<String> declared(String text) {
    (text =~ /(?m)^\s*(?:@\S+\s+|(?:public|final|abstract|static)\s+)*(?:class|interface|trait|enum)\s+(\w+)/).collect { it[1] }
}

// [remainder, [source of each part in the order of `starts`, null where the script has none]]
// of a script, or null when it cannot be split soundly.
List split(String text, List<String> starts) {
    List<Integer> at = starts.collect { String start ->
        String line = '\n' + start + '\n'
        int found = text.indexOf(line)
        found < 0 ? null : (text.indexOf(line, found + 1) < 0 ? found + 1 : -1)
    }
    if (at.contains(-1) || at.every { it == null }) return null
    List<Integer> from = at.findAll { it != null }.sort()
    List<Integer> bounds = from + [text.length()]
    String remainder = text.substring(0, from[0])
    List<String> parts = at.collect { Integer a -> a == null ? null : text.substring(a, bounds[bounds.indexOf(a) + 1]) }
    if (remainder + from.collect { Integer a -> parts[at.indexOf(a)] }.join('') != text) return null
    List<String> names = ([remainder] + parts.findAll { it != null }).collectMany { String p -> declared(p) }
    if (names.size() != names.toSet().size()) return null
    String imports = remainder.readLines().findAll { String l -> l ==~ /import\s.*/ }.join('\n')
    [remainder, parts.collect { String p -> p == null ? null : imports + '\n' + p }]
}

// The script's class compiled in parts (see above), or null when a part does not compile.
Class compileSplit(List parts, String name, Map<List<String>, Map> shared, List<Map<String, Integer>> numbers,
        ClassLoader parent, CompilerConfiguration config, Map way) {
    List<String> sources = (List<String>) parts[1]
    ClassLoader last = parent
    for (int i = 0; i < sources.size(); i++) {
        if (sources[i] == null) continue
        List<String> chain = sources.take(i + 1)
        Map found = shared[chain]
        if (found == null) {
            GroovyClassLoader own = new GroovyClassLoader(last, config)
            try {
                own.parseClass(sources[i], "SharedPart${i + 1}.groovy")
                found = [loader: own]
                numbers[i].putIfAbsent(sources[i], numbers[i].size() + 1)
            } catch (Exception e) {
                found = [error: e.toString()]
            }
            shared[chain] = found
        }
        if (found.loader == null) {
            way.split_error = found.error
            return null
        }
        last = (ClassLoader) found.loader
    }
    try {
        GroovyCodeSource source = new GroovyCodeSource((String) parts[0], name, '/groovy/script')
        Class cls = ((GroovyClassLoader) last).parseClass(source, false)
        way.compiled = 'split'
        way.shared = sources.withIndex().collect { String s, int i -> s == null ? null : numbers[i][s] }
        return cls
    } catch (Exception e) {
        way.split_error = e.toString()
        return null
    }
}

List results = []
for (Map run : (List<Map>) jobs.runs) {
    def server = servers[run.server]
    if (server == null) {
        server = fakeServer.newInstance()
        Map seed = (Map) (run.seed ?: [:])
        server.seed((List<String>) (seed.schemes ?: []), (List<String>) (seed.retention_rules ?: []),
                (List<String>) (seed.record_classes ?: []), (List<String>) (seed.document_classes ?: []))
        servers[run.server] = server
    }
    for (Map e : (List<Map>) (run.admin_class_entries ?: [])) {
        server.adminSetClassEntry((String) e.object_type, (String) e.object, (String) e.entry_type, (String) e.identifier, (List<String>) e.rights)
    }
    server.journal.clear()
    Map result = [label: run.label]
    if (!compiled.containsKey(run.script)) {
        long start = System.nanoTime()
        File file = new File((String) run.script)
        Map way = [:]
        List parts = split(file.getText('UTF-8'), sharedStarts)
        Class cls = parts == null ? null : compileSplit(parts, file.name, shared, numbers, fakeLoader, config, way)
        if (cls == null) {
            way = [compiled: 'whole'] + (way.split_error ? [split_error: way.split_error] : [:])
            try {
                cls = loader.parseClass(file)
            } catch (Exception e) {
                compiled[run.script] = e.toString()
            }
        }
        if (cls != null) compiled[run.script] = cls
        result.putAll(way)
        result.compile_seconds = (System.nanoTime() - start) / 1e9
    }
    if (compiled[run.script] instanceof String) {
        result.compile_error = compiled[run.script]
    } else {
        Class cls = (Class) compiled[run.script]
        StringWriter printed = new StringWriter()
        Binding binding = new Binding()
        binding.setVariable('ses', server.session)
        binding.setVariable('args', ((List) (run.args ?: [])) as String[])
        binding.setVariable('out', new PrintWriter(printed, true))
        ((Map) (run.bind ?: [:])).each { k, v -> binding.setVariable((String) k, v) }
        Script script = InvokerHelper.createScript(cls, binding)
        long start = System.nanoTime()
        try {
            result.returned = script.run()
        } catch (Exception e) {
            result.error = e.getClass().getName() + ': ' + e.getMessage()
        }
        result.run_seconds = (System.nanoTime() - start) / 1e9
        result.output = printed.toString()
    }
    result.journal = server.journal.collect { it }
    if (run.state != false) {
        result.state = server.dump()
    }
    results << result
}
new File(args[1]).withWriter('UTF-8') { it << JsonOutput.toJson([results: results]) }
