// Stubs of com.ser.blueline.metaDataComponents 8.2.2: only what Provision.groovy calls.
package com.ser.blueline.metaDataComponents

import com.ser.blueline.IRetentionRule
import com.ser.blueline.ISession
import com.ser.blueline.modifiablemetadata.IStringMatrixModifiable
import com.ser.blueline.security.DocumentInstanceRight
import com.ser.blueline.security.IExtSecurityEntries
import com.ser.blueline.security.RecordInstanceRight

interface IMetaDataConnector {
    IRetentionRule getRetentionRuleByName(String name)
}

interface INamespace {
    String getName()
}

interface IStringMatrix {
    String getName()
    String getID()
    int getColumnCount()
    int getRowCount()
    String getValue(int row, int column)
    String getColumnName(int column)
    boolean isKeyColumn(int column)
    IStringMatrixModifiable getModifiableCopy(ISession session)
}

interface IFilterableMatrix extends IStringMatrix {
}

interface IObjectClassBase {
    String getID()
    String getName()
}

interface IObjectClass extends IObjectClassBase {
}

/** Document class: read-only in 8.2.2 (no setters, no commit); its entries can only be read. */
interface IArchiveClass extends IObjectClass {
    IExtSecurityEntries<DocumentInstanceRight> getSecurityEntries()
}

/** E-file class: read-only in 8.2.2 (no setters, no commit); its entries can only be read. */
interface IArchiveFolderClass extends IObjectClass {
    IExtSecurityEntries<RecordInstanceRight> getSecurityEntries()
}
