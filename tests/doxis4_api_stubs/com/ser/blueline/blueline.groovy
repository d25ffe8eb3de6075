// Stubs of com.ser.blueline 8.2.2: only what Provision.groovy calls (see ../../../README.md).
package com.ser.blueline

import com.ser.blueline.metaDataComponents.IArchiveClass
import com.ser.blueline.metaDataComponents.IArchiveFolderClass
import com.ser.blueline.metaDataComponents.IMetaDataConnector
import com.ser.blueline.metaDataComponents.INamespace
import com.ser.blueline.metaDataComponents.IStringMatrix
import com.ser.blueline.modifiablemetadata.IStringMatrixModifiable
import com.ser.blueline.compoundentities.IClassificationScheme
import com.ser.blueline.security.IExtSecurityObject
import com.ser.blueline.security.OrgaElementRight

class BlueLineException extends RuntimeException {
    BlueLineException(String message) { super(message) }
}

interface ISession {
    IDocumentServer getDocumentServer()
}

interface IDocumentServer extends AutoCloseable {
    ISerClassFactory getClassFactory()
    IMetaDataConnector getMetaDataConnector(ISession session)
    IGroup getGroupByName(ISession session, String name)
    IGroup[] getGroups(ISession session)
    IUnit getUnitByName(ISession session, String name)
    IUnit[] getUnits(ISession session)
    void deleteGroup(ISession session, IGroup group)
    void deleteUnit(ISession session, IUnit unit)
    IStringMatrix getStringMatrix(String name, ISession session)
    IStringMatrixModifiable createStringMatrix(ISession session, INamespace namespace, String name)
    INamespace getDefaultNamespace(ISession session)
    IClassificationScheme getClassificationSchemeByName(ISession session, String name)
    IArchiveClass getArchiveClassByName(ISession session, String name)
    IArchiveFolderClass getArchiveFolderClassByName(ISession session, String name)
}

interface ISerClassFactory {
    IUnit createUnitInstance(ISession session, String name)
    IGroup createGroupInstance(ISession session, String name)
}

interface IOrgaElement {
    String getName()
    String getID()
    String getDescription()
    void commit()
}

interface IUnit extends IOrgaElement, IExtSecurityObject<OrgaElementRight> {
    IUnit getParent()
    void setParent(IUnit parent)
    String[] getGroupIDs()
    void setGroupIDs(String[] groupIDs)
    IUnit getModifiableCopy(ISession session)
    void setDescription(String description)
}

interface IGroup extends IOrgaElement, IExtSecurityObject<OrgaElementRight> {
    IUnit[] getUnitMembers()
    IGroup getModifiableCopy(ISession session)
    void setDescription(String description)
}

enum RetentionRuleAssignment { NONE, MANDATORY, OPTIONAL }

interface IRetentionRule {
    String getId()
    String getName()
}
