// Runs generated Doxis4 scripts against in-memory fake organizations, all in one JVM.
// Usage: groovy run_scenarios.groovy <jobs.json> <results.json> <classes dir> <source>...
// The sources (the API stubs and the fake) are compiled into <classes dir> first, in this JVM.
// jobs.json: {"runs": [{"label", "server", "script", "args": [..], "bind": {..},
//             "seed": {"schemes", "retention_rules", "record_classes", "document_classes"},
//             "admin_class_entries": [{"object_type", "object", "entry_type", "identifier", "rights"}]}]}
// ("admin_class_entries" plays the administrator who sets class rights in cubeDesigner.)
// A run reuses the fake organization of an earlier run with the same "server" (its "seed" is used
// only when the organization is new). For every run, results.json holds the script's printed
// lines, its return value or error, the fake's journal of writes and the organization's state
// (unless the run says "state": false).
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
        try {
            compiled[run.script] = loader.parseClass(new File((String) run.script))
        } catch (Exception e) {
            compiled[run.script] = e.toString()
        }
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
