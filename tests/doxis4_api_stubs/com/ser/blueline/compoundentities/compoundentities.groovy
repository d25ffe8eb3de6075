// Stubs of com.ser.blueline.compoundentities 8.2.2: only what Provision.groovy calls.
package com.ser.blueline.compoundentities

import com.ser.blueline.RetentionRuleAssignment
import com.ser.blueline.metaDataComponents.IObjectClassBase
import com.ser.blueline.security.ClassificationSchemeNodeRight
import com.ser.blueline.security.IExtSecurityObject

enum ClassificationSchemeNodeType { UNKNOWN, STATIC, NODES_ONLY }

interface IClassificationScheme {
    String getID()
    String getName()
    IClassificationSchemeNodes getNodes()
    void commit()
}

interface IClassificationSchemeNodes extends Iterable<IClassificationSchemeNode> {
    int getCount()
    IClassificationSchemeNode getItem(int index)
    IClassificationSchemeNode addNew(ClassificationSchemeNodeType type, String name)
    void removeNodeByID(String id)
}

interface IClassificationSchemeNode extends IExtSecurityObject<ClassificationSchemeNodeRight> {
    String getName()
    void setName(String name)
    String getID()
    String getCode()
    void setCode(String code)
    String getDescription()
    void setDescription(String description)
    IClassificationSchemeNodes getChildNodes()
    IClassificationSchemeNode getParent()
    Set<String> getRetentionRuleIDs()
    void setRetentionRuleIDs(Set<String> ids)
    RetentionRuleAssignment getRetentionRuleAssignment()
    void setRetentionRuleAssignment(RetentionRuleAssignment assignment)
    List<IObjectClassBase> getAllowedTargetClasses()
    void setAllowedTargetClasses(List<IObjectClassBase> classes)
}
