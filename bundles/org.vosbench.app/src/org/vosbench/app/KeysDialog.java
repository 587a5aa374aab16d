package org.vosbench.app;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.vosbench.ui.editor.EditorKeys;

/** Help ▸ Keys: the sequence editor's keys, read from the same table the editor dispatches with. */
final class KeysDialog extends Dialog {

    KeysDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Keys of the sequence editor");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Table table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
        data.heightHint = 380;
        data.widthHint = 640;
        table.setLayoutData(data);
        new TableColumn(table, SWT.NONE).setText("Keys");
        new TableColumn(table, SWT.NONE).setText("Action");
        for (EditorKeys.Key k : EditorKeys.ALL) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {k.keys(), k.action()});
        }
        item(table, "Ctrl+S", "Save (File ▸ Save)");
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        table.setFont(JFaceResources.getDialogFont());
        return area;
    }

    private static void item(Table table, String keys, String action) {
        boolean present = false;
        for (TableItem i : table.getItems()) {
            present |= i.getText(0).equals(keys);
        }
        if (!present) {
            new TableItem(table, SWT.NONE).setText(new String[] {keys, action});
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
