// Stubs of com.ser.blueline.modifiablemetadata 8.2.2: only what Provision.groovy calls.
package com.ser.blueline.modifiablemetadata

import com.ser.blueline.metaDataComponents.IFilterableMatrix

interface IStringMatrixModifiable extends IFilterableMatrix {
    void setValue(int row, int column, String value, boolean flag)
    void appendRow()
    void appendColumn(String name, String toolTip)
    void removeRow(int row)
    void setKeyColumn(int column, boolean key)
    void commit()
}
