// An in-memory Doxis4 organization behind the blueline stub interfaces (../../doxis4_api_stubs).
// It behaves like the public API as far as the public material describes it and is strict where
// the script could go wrong unnoticed:
//   - look-ups return read-only views; a setter on a view fails (changes need getModifiableCopy);
//   - nothing is stored before commit(); every commit that changes stored state writes one entry
//     to the journal, and a commit that changes nothing writes a "noop" entry, so a second run of
//     an idempotent script leaves the journal empty;
//   - ids are assigned by the server ("U0001", "G0001", ...), never by the caller.
// Assumptions the public material leaves open (they are the script's assumptions too):
//   - look-ups by a name that does not exist return null;
//   - setSecurityIdentifier(type, id, idType) replaces the entry of that identifier (id, idType);
//     called with no rights it removes the entry (8.2.2 has no remove method).
package fake

import com.ser.blueline.BlueLineException
import com.ser.blueline.IDocumentServer
import com.ser.blueline.IGroup
import com.ser.blueline.IRetentionRule
import com.ser.blueline.ISerClassFactory
import com.ser.blueline.ISession
import com.ser.blueline.IUnit
import com.ser.blueline.RetentionRuleAssignment
import com.ser.blueline.compoundentities.ClassificationSchemeNodeType
import com.ser.blueline.compoundentities.IClassificationScheme
import com.ser.blueline.compoundentities.IClassificationSchemeNode
import com.ser.blueline.compoundentities.IClassificationSchemeNodes
import com.ser.blueline.metaDataComponents.IArchiveClass
import com.ser.blueline.metaDataComponents.IArchiveFolderClass
import com.ser.blueline.metaDataComponents.IMetaDataConnector
import com.ser.blueline.metaDataComponents.IObjectClassBase
import com.ser.blueline.metaDataComponents.INamespace
import com.ser.blueline.metaDataComponents.IStringMatrix
import com.ser.blueline.modifiablemetadata.IStringMatrixModifiable
import com.ser.blueline.security.ClassificationSchemeNodeRight
import com.ser.blueline.security.DocumentInstanceRight
import com.ser.blueline.security.RecordInstanceRight
import com.ser.blueline.security.IExtSecurityEntries
import com.ser.blueline.security.IExtSecurityEntry
import com.ser.blueline.security.OrgaElementRight
import com.ser.blueline.security.SecurityEntryType
import com.ser.blueline.security.SecurityIdentifierType
import groovy.transform.CompileStatic

// The look-ups and copies that every step of a script calls are plain loops: a closure call
// goes through Groovy's meta-class even in statically compiled code and made the fake cost
// more CPU than the scripts' own work.

/** Stored data the API looks up by name. */
interface Named {
    String getName()
}

/** Helpers of the stored data: search by name, copy lists of entries. */
@CompileStatic
class Stored {
    /** The first of `items` (in their order) named `name`, or null. */
    static <T extends Named> T byName(Collection<T> items, String name) {
        for (T item : items) {
            if (Objects.equals(item.getName(), name)) return item
        }
        null
    }

    static List<EntryData> copies(List<EntryData> entries) {
        List<EntryData> out = new ArrayList<EntryData>(entries.size())
        for (EntryData e : entries) {
            out.add(e.copy())
        }
        out
    }

    static boolean sameEntries(List<EntryData> mine, List<EntryData> other) {
        if (mine.size() != other.size()) return false
        for (int i = 0; i < mine.size(); i++) {
            if (!mine[i].sameAs(other[i])) return false
        }
        true
    }

    /** The enum constant of `type` named `name` (a stored right name back to the API's value). */
    static <T> T constant(Class<T> type, String name) {
        for (T value : type.getEnumConstants()) {
            if (((Enum) value).name() == name) return value
        }
        throw new IllegalArgumentException("no ${type.simpleName} ${name}")
    }
}

/** One access entry as stored: entry type, identifier (id + type) and the right names, sorted. */
@CompileStatic
class EntryData {
    SecurityEntryType type
    String identifierId
    SecurityIdentifierType identifierType
    List<String> rights

    EntryData copy() { new EntryData(type: type, identifierId: identifierId, identifierType: identifierType, rights: new ArrayList<String>(rights)) }

    boolean sameAs(EntryData other) {
        type == other.type && identifierId == other.identifierId && identifierType == other.identifierType && rights == other.rights
    }
}

@CompileStatic
class FakeEntry<T> implements IExtSecurityEntry<T> {
    EntryData data
    Class<T> rightType

    String getSecurityIdentifierID() { data.identifierId }
    SecurityEntryType getSecurityEntryType() { data.type }
    SecurityIdentifierType getSecurityIdentifierType() { data.identifierType }

    T[] getRightMask() {
        List<T> mask = new ArrayList<T>(data.rights.size())
        for (String n : data.rights) {
            mask.add(Stored.constant(rightType, n))
        }
        (T[]) mask.toArray()
    }
}

/** The entries of one object; `rightType` is the enum of the stored right names. */
@CompileStatic
class FakeEntries<T> implements IExtSecurityEntries<T> {
    List<EntryData> entries
    boolean modifiable
    Class<T> rightType

    void setSecurityIdentifier(SecurityEntryType type, String identifierID, SecurityIdentifierType identifierType, T... rights) {
        if (!modifiable) {
            throw new BlueLineException('security entries of a read-only object cannot be changed')
        }
        if (identifierID == null || identifierID.isEmpty()) {
            throw new BlueLineException('security identifier id is empty')
        }
        entries.removeAll { EntryData e -> e.identifierId == identifierID && e.identifierType == identifierType }
        if (rights.length > 0) {
            List<String> names = rights.collect { T r -> r.toString() }.unique().sort()
            entries.add(new EntryData(type: type, identifierId: identifierID, identifierType: identifierType, rights: names))
            entries.sort { EntryData e -> e.identifierType.toString() + ' ' + e.identifierId }
        }
    }

    Iterator<IExtSecurityEntry<T>> iterator() {
        List<IExtSecurityEntry<T>> out = []
        for (EntryData e : entries) {
            out.add(new FakeEntry<T>(data: e, rightType: rightType))
        }
        out.iterator()
    }
}

@CompileStatic
class OrgaData implements Named {
    String id
    String name
    String description = ''
    String parentId
    List<String> groupIds = []
    List<EntryData> entries = []

    OrgaData copy() {
        new OrgaData(id: id, name: name, description: description, parentId: parentId,
                groupIds: new ArrayList<String>(groupIds), entries: Stored.copies(entries))
    }

    List<String> differences(OrgaData other) {
        List<String> out = []
        if (name != other.name) out << 'name'
        if (description != other.description) out << 'description'
        if (parentId != other.parentId) out << 'parent'
        if (groupIds.toSorted() != other.groupIds.toSorted()) out << 'groups'
        if (!Stored.sameEntries(entries, other.entries)) out << 'entries'
        out
    }
}

/** Shared by FakeUnit and FakeGroup: a working copy of one stored organisation element. */
@CompileStatic
abstract class FakeOrga {
    FakeServer server
    OrgaData data
    boolean modifiable
    boolean stored

    String getName() { data.name }
    String getID() { data.id }
    String getDescription() { data.description }

    void setDescription(String description) { check(); data.description = description ?: '' }

    protected void check() {
        if (!modifiable) {
            throw new BlueLineException("${kind()} '${data.name}' is read-only; call getModifiableCopy(session) first")
        }
    }

    abstract String kind()

    abstract Map<String, OrgaData> store()

    void commit() {
        check()
        server.commitOrga(kind(), store(), data, stored)
        stored = true
    }

    IExtSecurityEntries<OrgaElementRight> getSecurityEntries() {
        new FakeEntries<OrgaElementRight>(entries: data.entries, modifiable: modifiable, rightType: OrgaElementRight)
    }
}

@CompileStatic
class FakeUnit extends FakeOrga implements IUnit {
    String kind() { 'unit' }

    Map<String, OrgaData> store() { server.units }

    IUnit getParent() { data.parentId == null ? null : server.unitView(data.parentId) }

    void setParent(IUnit parent) {
        check()
        if (parent != null && parent.getID() == null) {
            throw new BlueLineException('parent unit has no id; commit it first')
        }
        data.parentId = parent?.getID()
    }

    String[] getGroupIDs() { data.groupIds as String[] }

    void setGroupIDs(String[] groupIDs) {
        check()
        for (String id : groupIDs) {
            if (!server.groups.containsKey(id)) {
                throw new BlueLineException("no group with id '${id}'")
            }
        }
        data.groupIds = (groupIDs as List<String>).unique()
    }

    IUnit getModifiableCopy(ISession session) {
        server.checkSession(session)
        if (!stored) {
            throw new BlueLineException("unit '${data.name}' is not committed yet")
        }
        new FakeUnit(server: server, data: server.units[data.id].copy(), modifiable: true, stored: true)
    }
}

@CompileStatic
class FakeGroup extends FakeOrga implements IGroup {
    String kind() { 'group' }

    Map<String, OrgaData> store() { server.groups }

    IUnit[] getUnitMembers() {
        // By name: names are unique, commitOrga refuses a second unit of the same name.
        Map<String, String> members = new TreeMap<String, String>()
        for (OrgaData u : server.units.values()) {
            if (u.groupIds.contains(data.id)) members[u.name] = u.id
        }
        List<IUnit> out = []
        for (String id : members.values()) {
            out.add(server.unitView(id))
        }
        out as IUnit[]
    }

    IGroup getModifiableCopy(ISession session) {
        server.checkSession(session)
        if (!stored) {
            throw new BlueLineException("group '${data.name}' is not committed yet")
        }
        new FakeGroup(server: server, data: server.groups[data.id].copy(), modifiable: true, stored: true)
    }
}

@CompileStatic
class MatrixData implements Named {
    String id
    String name
    String namespace
    List<String> columns = []
    List<String> toolTips = []
    List<Boolean> keys = []
    List<List<String>> rows = []

    MatrixData copy() {
        new MatrixData(id: id, name: name, namespace: namespace, columns: new ArrayList<String>(columns),
                toolTips: new ArrayList<String>(toolTips), keys: new ArrayList<Boolean>(keys),
                rows: rowCopies())
    }

    private List<List<String>> rowCopies() {
        List<List<String>> out = new ArrayList<List<String>>(rows.size())
        for (List<String> r : rows) {
            out.add(new ArrayList<String>(r))
        }
        out
    }

    List<String> differences(MatrixData other) {
        List<String> out = []
        if (columns != other.columns || toolTips != other.toolTips) out << 'columns'
        if (keys != other.keys) out << 'key columns'
        int common = Math.min(rows.size(), other.rows.size())
        int changed = (0..<common).count { int i -> rows[i] != other.rows[i] } as int
        if (changed > 0) out << "${changed} rows changed".toString()
        if (other.rows.size() > rows.size()) out << "${other.rows.size() - rows.size()} rows added".toString()
        if (other.rows.size() < rows.size()) out << "${rows.size() - other.rows.size()} rows removed".toString()
        out
    }
}

@CompileStatic
class FakeMatrix implements IStringMatrixModifiable {
    FakeServer server
    MatrixData data
    boolean modifiable
    boolean stored

    String getName() { data.name }
    String getID() { data.id }
    int getColumnCount() { data.columns.size() }
    int getRowCount() { data.rows.size() }

    String getValue(int row, int column) {
        checkCell(row, column)
        data.rows[row][column]
    }

    String getColumnName(int column) { checkCell(0, column, false); data.columns[column] }

    boolean isKeyColumn(int column) { checkCell(0, column, false); data.keys[column] }

    IStringMatrixModifiable getModifiableCopy(ISession session) {
        server.checkSession(session)
        if (!stored) {
            throw new BlueLineException("value list '${data.name}' is not committed yet")
        }
        new FakeMatrix(server: server, data: server.matrices[data.id].copy(), modifiable: true, stored: true)
    }

    void setValue(int row, int column, String value, boolean flag) {
        check()
        checkCell(row, column)
        data.rows[row][column] = value ?: ''
    }

    void appendRow() {
        check()
        data.rows.add(data.columns.collect { '' })
    }

    void appendColumn(String name, String toolTip) {
        check()
        if (data.columns.contains(name)) {
            throw new BlueLineException("value list '${data.name}' already has a column '${name}'")
        }
        data.columns.add(name)
        data.toolTips.add(toolTip ?: '')
        data.keys.add(false)
        for (List<String> row : data.rows) {
            row.add('')
        }
    }

    void removeRow(int row) {
        check()
        checkCell(row, 0, true)
        data.rows.remove(row)
    }

    void setKeyColumn(int column, boolean key) {
        check()
        checkCell(0, column, false)
        data.keys[column] = key
    }

    void commit() {
        check()
        server.commitMatrix(data, stored)
        stored = true
    }

    private void check() {
        if (!modifiable) {
            throw new BlueLineException("value list '${data.name}' is read-only; call getModifiableCopy(session) first")
        }
    }

    private void checkCell(int row, int column, boolean checkRow = true) {
        if (column < 0 || column >= data.columns.size() || (checkRow && (row < 0 || row >= data.rows.size()))) {
            throw new BlueLineException("value list '${data.name}': no cell (${row}, ${column})")
        }
    }
}

@CompileStatic
class NodeData {
    String id
    String name
    String code = ''
    String description = ''
    ClassificationSchemeNodeType type
    List<String> retentionRuleIds = []
    RetentionRuleAssignment assignment = RetentionRuleAssignment.NONE
    List<String> targetClassIds = []
    List<EntryData> entries = []
    List<NodeData> children = []

    NodeData copy() {
        new NodeData(id: id, name: name, code: code, description: description, type: type,
                retentionRuleIds: new ArrayList<String>(retentionRuleIds), assignment: assignment,
                targetClassIds: new ArrayList<String>(targetClassIds), entries: Stored.copies(entries), children: copies(children))
    }

    static List<NodeData> copies(List<NodeData> nodes) {
        List<NodeData> out = new ArrayList<NodeData>(nodes.size())
        for (NodeData n : nodes) {
            out.add(n.copy())
        }
        out
    }

    List<String> differences(NodeData other) {
        List<String> out = []
        if (name != other.name) out << 'name'
        if (code != other.code) out << 'code'
        if (description != other.description) out << 'description'
        if (retentionRuleIds != other.retentionRuleIds) out << 'retention rules'
        if (assignment != other.assignment) out << 'retention rule assignment'
        if (targetClassIds != other.targetClassIds) out << 'allowed target classes'
        if (!Stored.sameEntries(entries, other.entries)) out << 'entries'
        out
    }
}

@CompileStatic
class FakeNodes implements IClassificationSchemeNodes {
    FakeScheme scheme
    NodeData parent
    List<NodeData> list

    int getCount() { list.size() }

    IClassificationSchemeNode getItem(int index) { new FakeNode(scheme: scheme, data: list[index], parent: parent) }

    IClassificationSchemeNode addNew(ClassificationSchemeNodeType type, String name) {
        if (name == null || name.isEmpty()) {
            throw new BlueLineException('a node needs a name')
        }
        NodeData node = new NodeData(id: scheme.server.nextId('N'), name: name, type: type)
        list.add(node)
        new FakeNode(scheme: scheme, data: node, parent: parent)
    }

    void removeNodeByID(String id) {
        if (!list.removeAll { NodeData n -> n.id == id }) {
            throw new BlueLineException("no node with id '${id}' here")
        }
    }

    Iterator<IClassificationSchemeNode> iterator() {
        List<IClassificationSchemeNode> out = new ArrayList<IClassificationSchemeNode>(list.size())
        for (NodeData n : list) {
            out.add(new FakeNode(scheme: scheme, data: n, parent: parent))
        }
        out.iterator()
    }
}

@CompileStatic
class FakeNode implements IClassificationSchemeNode {
    FakeScheme scheme
    NodeData data
    NodeData parent

    String getName() { data.name }
    void setName(String name) { data.name = name }
    String getID() { data.id }
    String getCode() { data.code }
    void setCode(String code) { data.code = code ?: '' }
    String getDescription() { data.description }
    void setDescription(String description) { data.description = description ?: '' }
    IClassificationSchemeNodes getChildNodes() { new FakeNodes(scheme: scheme, parent: data, list: data.children) }
    IClassificationSchemeNode getParent() { parent == null ? null : new FakeNode(scheme: scheme, data: parent, parent: scheme.parentOf(parent)) }
    Set<String> getRetentionRuleIDs() { new TreeSet<String>(data.retentionRuleIds) }

    void setRetentionRuleIDs(Set<String> ids) {
        for (String id : ids) {
            if (!scheme.server.retentionRules.containsKey(id)) {
                throw new BlueLineException("no retention rule with id '${id}'")
            }
        }
        data.retentionRuleIds = new ArrayList<String>(new TreeSet<String>(ids))
    }

    RetentionRuleAssignment getRetentionRuleAssignment() { data.assignment }

    void setRetentionRuleAssignment(RetentionRuleAssignment assignment) { data.assignment = assignment }

    List<IObjectClassBase> getAllowedTargetClasses() {
        data.targetClassIds.collect { String id -> (IObjectClassBase) scheme.server.folderClassView(id) }
    }

    void setAllowedTargetClasses(List<IObjectClassBase> classes) {
        for (IObjectClassBase c : classes) {
            if (!scheme.server.folderClasses.containsKey(c.getID())) {
                throw new BlueLineException("no class with id '${c.getID()}'")
            }
        }
        data.targetClassIds = classes.collect { IObjectClassBase c -> c.getID() }
    }

    IExtSecurityEntries<ClassificationSchemeNodeRight> getSecurityEntries() {
        new FakeEntries<ClassificationSchemeNodeRight>(entries: data.entries, modifiable: true,
                rightType: ClassificationSchemeNodeRight)
    }
}

/** A classification scheme as returned by the look-up: a working copy that commit() stores. */
@CompileStatic
class FakeScheme implements IClassificationScheme {
    FakeServer server
    String id
    String name
    List<NodeData> roots

    String getID() { id }
    String getName() { name }
    IClassificationSchemeNodes getNodes() { new FakeNodes(scheme: this, parent: (NodeData) null, list: roots) }

    NodeData parentOf(NodeData node) {
        NodeData found = null
        for (Placed p : walk(roots)) {
            if (p.node.is(node)) found = p.parent
        }
        found
    }

    /** Every node under `roots`, depth first, each with its parent (null for a root). */
    static List<Placed> walk(List<NodeData> roots) {
        List<Placed> out = []
        walkInto(roots, null, out)
        out
    }

    private static void walkInto(List<NodeData> nodes, NodeData parent, List<Placed> out) {
        for (NodeData n : nodes) {
            out.add(new Placed(node: n, parent: parent))
            walkInto(n.children, n, out)
        }
    }

    void commit() { server.commitScheme(this) }
}

/** A node and its parent (null for a root), as FakeScheme.walk finds them. */
@CompileStatic
class Placed {
    NodeData node
    NodeData parent
}

/** A class set up by cubeDesigner / Transport: the API can only read it and its entries. */
@CompileStatic
class ClassData implements Named {
    String id
    String name
    List<EntryData> entries = []
}

@CompileStatic
class FakeFolderClass implements IArchiveFolderClass {
    ClassData data

    String getID() { data.id }
    String getName() { data.name }

    IExtSecurityEntries<RecordInstanceRight> getSecurityEntries() {
        new FakeEntries<RecordInstanceRight>(entries: Stored.copies(data.entries), modifiable: false, rightType: RecordInstanceRight)
    }
}

@CompileStatic
class FakeDocumentClass implements IArchiveClass {
    ClassData data

    String getID() { data.id }
    String getName() { data.name }

    IExtSecurityEntries<DocumentInstanceRight> getSecurityEntries() {
        new FakeEntries<DocumentInstanceRight>(entries: Stored.copies(data.entries), modifiable: false, rightType: DocumentInstanceRight)
    }
}

@CompileStatic
class FakeRule implements IRetentionRule {
    String id
    String name
}

@CompileStatic
class FakeNamespace implements INamespace {
    String name
}

/** The session the script gets as `ses`. */
@CompileStatic
class FakeSession implements ISession {
    FakeServer server

    IDocumentServer getDocumentServer() { server }
}

@CompileStatic
class FakeServer implements IDocumentServer, ISerClassFactory, IMetaDataConnector {
    final FakeSession session = new FakeSession(server: this)
    final Map<String, OrgaData> units = new TreeMap<>()
    final Map<String, OrgaData> groups = new TreeMap<>()
    final Map<String, MatrixData> matrices = new TreeMap<>()
    final Map<String, List<NodeData>> schemes = new TreeMap<>()
    final Map<String, String> schemeNames = new TreeMap<>()
    final Map<String, String> retentionRules = new TreeMap<>()
    final Map<String, ClassData> folderClasses = new TreeMap<>()
    final Map<String, ClassData> documentClasses = new TreeMap<>()
    final List<Map<String, Object>> journal = []
    private final Map<String, Integer> counters = [:]

    String nextId(String prefix) {
        int n = (counters[prefix] ?: 0) + 1
        counters[prefix] = n
        prefix + String.format('%04d', n)
    }

    void checkSession(ISession s) {
        if (!s.is(session)) {
            throw new BlueLineException('foreign or missing session')
        }
    }

    /** What cubeDesigner / Transport set up before the script runs: schemes and retention rules. */
    void seed(List<String> schemeNamesToCreate, List<String> ruleNames, List<String> folderClassNames, List<String> documentClassNames) {
        for (String c : folderClassNames) {
            String id = nextId('F')
            folderClasses[id] = new ClassData(id: id, name: c)
        }
        for (String c : documentClassNames) {
            String id = nextId('D')
            documentClasses[id] = new ClassData(id: id, name: c)
        }
        for (String s : schemeNamesToCreate) {
            String id = nextId('S')
            schemes[id] = []
            schemeNames[id] = s
        }
        for (String r : ruleNames) {
            retentionRules[nextId('R')] = r
        }
    }

    private void log(String op, String kind, String name, List<String> detail) {
        journal.add([op: op, kind: kind, name: name, detail: detail] as Map<String, Object>)
    }

    /** What an administrator does in cubeDesigner: an access entry of a group on a class. */
    void adminSetClassEntry(String classType, String className, String entryType, String groupName, List<String> rights) {
        Map<String, ClassData> store = classType == 'record_class' ? folderClasses : documentClasses
        ClassData cls = store.values().find { ClassData c -> c.name == className }
        OrgaData group = groups.values().find { OrgaData g -> g.name == groupName }
        if (cls == null || group == null) {
            throw new BlueLineException("admin: no ${classType} '${className}' or group '${groupName}'")
        }
        cls.entries.removeAll { EntryData e -> e.identifierId == group.id }
        cls.entries.add(new EntryData(type: SecurityEntryType.valueOf(entryType), identifierId: group.id,
                identifierType: SecurityIdentifierType.GROUP, rights: rights.toSorted()))
    }

    /** The first key (in the map's order) whose value is `name`, or null. */
    private static String keyOf(Map<String, String> names, String name) {
        for (Map.Entry<String, String> e : names.entrySet()) {
            if (Objects.equals(e.value, name)) return e.key
        }
        null
    }

    IArchiveFolderClass folderClassView(String id) { new FakeFolderClass(data: folderClasses[id]) }

    IArchiveFolderClass getArchiveFolderClassByName(ISession s, String name) {
        checkSession(s)
        ClassData c = Stored.byName(folderClasses.values(), name)
        c == null ? null : folderClassView(c.id)
    }

    IArchiveClass getArchiveClassByName(ISession s, String name) {
        checkSession(s)
        ClassData c = Stored.byName(documentClasses.values(), name)
        c == null ? null : new FakeDocumentClass(data: c)
    }

    // --- IDocumentServer -------------------------------------------------------------------------
    ISerClassFactory getClassFactory() { this }

    IMetaDataConnector getMetaDataConnector(ISession s) { checkSession(s); this }

    IUnit unitView(String id) { new FakeUnit(server: this, data: units[id].copy(), modifiable: false, stored: true) }

    IGroup getGroupByName(ISession s, String name) {
        checkSession(s)
        OrgaData g = Stored.byName(groups.values(), name)
        g == null ? null : new FakeGroup(server: this, data: g.copy(), modifiable: false, stored: true)
    }

    IGroup[] getGroups(ISession s) {
        checkSession(s)
        groups.values().collect { OrgaData g -> new FakeGroup(server: this, data: g.copy(), modifiable: false, stored: true) } as IGroup[]
    }

    IUnit getUnitByName(ISession s, String name) {
        checkSession(s)
        OrgaData u = Stored.byName(units.values(), name)
        u == null ? null : unitView(u.id)
    }

    IUnit[] getUnits(ISession s) {
        checkSession(s)
        units.keySet().collect { String id -> unitView(id) } as IUnit[]
    }

    void deleteGroup(ISession s, IGroup group) {
        checkSession(s)
        if (groups.remove(group.getID()) == null) {
            throw new BlueLineException("no group '${group.getName()}'")
        }
        for (OrgaData u : units.values()) {
            u.groupIds.remove(group.getID())
        }
        log('delete', 'group', group.getName(), [])
    }

    void deleteUnit(ISession s, IUnit unit) {
        checkSession(s)
        if (units.values().any { OrgaData u -> u.parentId == unit.getID() }) {
            throw new BlueLineException("unit '${unit.getName()}' still has child units")
        }
        if (units.remove(unit.getID()) == null) {
            throw new BlueLineException("no unit '${unit.getName()}'")
        }
        log('delete', 'unit', unit.getName(), [])
    }

    IStringMatrix getStringMatrix(String name, ISession s) {
        checkSession(s)
        MatrixData m = Stored.byName(matrices.values(), name)
        m == null ? null : new FakeMatrix(server: this, data: m.copy(), modifiable: false, stored: true)
    }

    IStringMatrixModifiable createStringMatrix(ISession s, INamespace namespace, String name) {
        checkSession(s)
        if (Stored.byName(matrices.values(), name) != null) {
            throw new BlueLineException("a value list '${name}' exists already")
        }
        new FakeMatrix(server: this, data: new MatrixData(name: name, namespace: namespace.getName()), modifiable: true, stored: false)
    }

    INamespace getDefaultNamespace(ISession s) { checkSession(s); new FakeNamespace(name: 'default') }

    IClassificationScheme getClassificationSchemeByName(ISession s, String name) {
        checkSession(s)
        String id = keyOf(schemeNames, name)
        id == null ? null : new FakeScheme(server: this, id: id, name: name, roots: NodeData.copies(schemes[id]))
    }

    void close() {}

    // --- ISerClassFactory ------------------------------------------------------------------------
    IUnit createUnitInstance(ISession s, String name) {
        checkSession(s)
        new FakeUnit(server: this, data: new OrgaData(name: name), modifiable: true, stored: false)
    }

    IGroup createGroupInstance(ISession s, String name) {
        checkSession(s)
        new FakeGroup(server: this, data: new OrgaData(name: name), modifiable: true, stored: false)
    }

    // --- IMetaDataConnector ----------------------------------------------------------------------
    IRetentionRule getRetentionRuleByName(String name) {
        String id = keyOf(retentionRules, name)
        id == null ? null : new FakeRule(id: id, name: name)
    }

    // --- commits ---------------------------------------------------------------------------------
    void commitOrga(String kind, Map<String, OrgaData> store, OrgaData data, boolean stored) {
        if (!stored) {
            if (Stored.byName(store.values(), data.name) != null) {
                throw new BlueLineException("a ${kind} '${data.name}' exists already")
            }
            data.id = nextId(kind == 'unit' ? 'U' : 'G')
            store[data.id] = data.copy()
            log('create', kind, data.name, [])
            return
        }
        OrgaData old = store[data.id]
        if (old == null) {
            throw new BlueLineException("${kind} '${data.name}' was deleted meanwhile")
        }
        List<String> diff = old.differences(data)
        store[data.id] = data.copy()
        log(diff ? 'change' : 'noop', kind, data.name, diff)
    }

    void commitMatrix(MatrixData data, boolean stored) {
        if (!stored) {
            data.id = nextId('M')
            matrices[data.id] = data.copy()
            log('create', 'value_list', data.name, [])
            return
        }
        List<String> diff = matrices[data.id].differences(data)
        matrices[data.id] = data.copy()
        log(diff ? 'change' : 'noop', 'value_list', data.name, diff)
    }

    void commitScheme(FakeScheme scheme) {
        Map<String, NodeData> before = [:]
        Map<String, NodeData> after = [:]
        // The parent's id of every node id (null for a root); the last node of an id counts.
        Map<String, String> parentBefore = [:]
        Map<String, String> parentAfter = [:]
        for (Placed p : FakeScheme.walk(schemes[scheme.id])) {
            before[p.node.id] = p.node
            parentBefore[p.node.id] = p.parent?.id
        }
        for (Placed p : FakeScheme.walk(scheme.roots)) {
            after[p.node.id] = p.node
            parentAfter[p.node.id] = p.parent?.id
        }
        boolean any = false
        for (String id : after.keySet().sort()) {
            NodeData n = after[id]
            if (!before.containsKey(id)) {
                log('create', 'classification_node', n.name, [])
                any = true
            } else {
                List<String> diff = before[id].differences(n)
                if (parentBefore[id] != parentAfter[id]) diff << 'parent'
                if (diff) {
                    log('change', 'classification_node', n.name, diff)
                    any = true
                }
            }
        }
        for (String id : before.keySet().sort()) {
            if (!after.containsKey(id)) {
                log('delete', 'classification_node', before[id].name, [])
                any = true
            }
        }
        if (!any) {
            log('noop', 'classification_scheme', scheme.name, [])
        }
        schemes[scheme.id] = NodeData.copies(scheme.roots)
    }

    // --- state by name, for the tests ------------------------------------------------------------
    /** The whole organization by names (never by the server's ids), sorted: what a test compares. */
    Map<String, Object> dump() {
        Map<String, String> groupName = groups.collectEntries { String id, OrgaData g -> [id, g.name] } as Map<String, String>
        Map<String, String> unitName = units.collectEntries { String id, OrgaData u -> [id, u.name] } as Map<String, String>
        Map<String, String> ruleName = retentionRules
        Closure<List<Map<String, Object>>> entries = { List<EntryData> list ->
            list.collect { EntryData e ->
                String who = e.identifierType == SecurityIdentifierType.GROUP ? groupName[e.identifierId]
                        : e.identifierType == SecurityIdentifierType.UNIT ? unitName[e.identifierId] : e.identifierId
                [type: e.type.toString(), identifier_type: e.identifierType.toString(), identifier: who, rights: e.rights] as Map<String, Object>
            }.sort { Map<String, Object> m -> "${m.identifier_type} ${m.identifier}".toString() }
        }
        Map<String, Object> out = [:]
        out.units = new TreeMap<String, Object>(units.values().collectEntries { OrgaData u ->
            [u.name, [parent: u.parentId == null ? null : unitName[u.parentId], description: u.description,
                      groups: u.groupIds.collect { String g -> groupName[g] }.sort(), entries: entries.call(u.entries)]]
        })
        out.groups = new TreeMap<String, Object>(groups.values().collectEntries { OrgaData g ->
            [g.name, [description: g.description, entries: entries.call(g.entries)]]
        })
        out.value_lists = new TreeMap<String, Object>(matrices.values().collectEntries { MatrixData m ->
            [m.name, [columns: m.columns, key_columns: (0..<m.columns.size()).findAll { int i -> m.keys[i] }.collect { int i -> m.columns[i] },
                      rows: m.rows]]
        })
        Map<String, Object> nodes = new TreeMap<String, Object>()
        for (Map.Entry<String, List<NodeData>> scheme : schemes.entrySet()) {
            String schemeName = schemeNames[scheme.key]
            for (Placed placed : FakeScheme.walk(scheme.value)) {
                NodeData n = placed.node
                Map<String, Object> node = [scheme: schemeName, code: n.code, name: n.name, description: n.description,
                        type: n.type.toString(), parent: placed.parent?.name, retention_rules: n.retentionRuleIds.collect { String r -> ruleName[r] }.sort(),
                        retention_assignment: n.assignment.toString(),
                        allowed_target_classes: n.targetClassIds.collect { String c -> folderClasses[c].name },
                        entries: entries.call(n.entries)] as Map<String, Object>
                nodes.put(schemeName + '/' + n.name, node)
            }
        }
        out.classification_nodes = nodes
        out
    }
}
