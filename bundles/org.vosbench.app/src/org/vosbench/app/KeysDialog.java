package org.vosbench.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.jface.bindings.Binding;
import org.eclipse.jface.bindings.Scheme;
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
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.keys.IBindingService;
import org.vosbench.ui.editor.EditorKeys;

/**
 * Help ▸ Keys: the sequence editor's commands ({@link EditorKeys}) with the keys the workbench's binding
 * service has for them, so the reference shows what the keys do now, and cannot drift from the bindings.
 */
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
        data.heightHint = 480;
        data.widthHint = 640;
        table.setLayoutData(data);
        new TableColumn(table, SWT.NONE).setText("Keys");
        new TableColumn(table, SWT.NONE).setText("Action");
        IBindingService bindings = PlatformUI.isWorkbenchRunning()
                ? PlatformUI.getWorkbench().getService(IBindingService.class) : null;
        for (String[] row : rows(bindings)) {
            new TableItem(table, SWT.NONE).setText(row);
        }
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        table.setFont(JFaceResources.getDialogFont());
        return area;
    }

    /**
     * The rows of the dialog: each editor command with the keys the workbench binds to it now (the
     * default scheme's, or a person's own), then the keys the canvas handles itself.
     */
    static List<String[]> rows(IBindingService bindings) {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        if (bindings != null) {
            // the active scheme and the schemes it extends (the others, Emacs for one, are not in effect)
            Set<String> schemes = new java.util.HashSet<>();
            for (Scheme s = bindings.getActiveScheme(); s != null && schemes.add(s.getId());) {
                try {
                    s = s.getParentId() == null ? null : bindings.getScheme(s.getParentId());
                } catch (org.eclipse.core.commands.common.NotDefinedException e) {
                    s = null;
                }
            }
            for (Binding b : bindings.getBindings()) {
                ParameterizedCommand pc = b.getParameterizedCommand();
                if (pc == null || !schemes.contains(b.getSchemeId())
                        || b.getPlatform() != null && !b.getPlatform().equals(SWT.getPlatform())
                        || EditorKeys.command(pc.getId()).isEmpty()) {
                    continue;
                }
                String trigger = b.getTriggerSequence().format();
                String tool = (String) pc.getParameterMap().get(EditorKeys.TOOL_PARAMETER);
                keys.computeIfAbsent(pc.getId(), k -> new TreeSet<>()).add(tool == null ? trigger
                        : trigger + " (" + tool + ")");
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (EditorKeys.Command c : EditorKeys.COMMANDS) {
            Set<String> bound = keys.getOrDefault(c.id(), Set.of());
            rows.add(new String[] {bound.isEmpty() ? "(no key)" : String.join(", ", bound), c.action()});
        }
        for (EditorKeys.CanvasKey k : EditorKeys.CANVAS_KEYS) {
            rows.add(new String[] {k.keys(), k.action()});
        }
        return rows;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
