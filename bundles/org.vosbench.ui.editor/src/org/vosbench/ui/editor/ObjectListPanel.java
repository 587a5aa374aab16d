package org.vosbench.ui.editor;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.ColorDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;

/**
 * The object list of the sequence editor: a JFace {@link CheckboxTableViewer} over the document's
 * {@link AnnotatedObject}s (the check box shows or hides an object, the swatch is its colour) and the
 * Add / Rename / Delete / Colour buttons. Selecting a row selects the object the tools paint with.
 */
final class ObjectListPanel extends Composite {

    private final SequenceDocument document;
    private final CheckboxTableViewer viewer;
    private final Map<Integer, Image> swatches = new HashMap<>();
    private final IntConsumer onSelect;
    private int selected;

    ObjectListPanel(Composite parent, SequenceDocument document, IntConsumer onSelect) {
        super(parent, SWT.NONE);
        this.document = document;
        this.onSelect = onSelect;
        setLayout(new GridLayout(2, true));
        Label title = new Label(this, SWT.NONE);
        title.setText("Objects (keys 1–9)");
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        viewer = CheckboxTableViewer.newCheckList(this, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                AnnotatedObject o = (AnnotatedObject) element;
                return o.id() + "  " + o.name();
            }

            @Override
            public Image getImage(Object element) {
                return swatch(((AnnotatedObject) element).color());
            }
        });
        viewer.setCheckStateProvider(new org.eclipse.jface.viewers.ICheckStateProvider() {
            @Override
            public boolean isChecked(Object element) {
                return ((AnnotatedObject) element).visible();
            }

            @Override
            public boolean isGrayed(Object element) {
                return false;
            }
        });
        viewer.addCheckStateListener(e -> document.setObjectVisible(((AnnotatedObject) e.getElement()).id(),
                e.getChecked()));
        viewer.addSelectionChangedListener(e -> {
            if (e.getStructuredSelection().getFirstElement() instanceof AnnotatedObject o && o.id() != selected) {
                selected = o.id();
                onSelect.accept(o.id());
            }
        });
        button("Add", () -> select(document.addObject().id()));
        button("Rename", this::renameSelected);
        button("Delete", this::deleteSelected);
        button("Colour", this::recolourSelected);
        addListener(SWT.Dispose, e -> swatches.values().forEach(Image::dispose));
        refresh();
    }

    Table table() {
        return viewer.getTable();
    }

    CheckboxTableViewer viewer() {
        return viewer;
    }

    int selected() {
        return selected;
    }

    /** Re-reads the document's objects; keeps the selection, or selects the first object. */
    void refresh() {
        viewer.setInput(document.objects().toArray());
        if (document.object(selected).isEmpty()) {
            selected = document.objects().isEmpty() ? 0 : document.objects().get(0).id();
            onSelect.accept(selected);
        }
        select(selected);
    }

    void select(int id) {
        selected = id;
        document.object(id).ifPresentOrElse(o -> viewer.setSelection(new StructuredSelection(o), true),
                () -> viewer.setSelection(StructuredSelection.EMPTY));
        onSelect.accept(id);
    }

    private void button(String text, Runnable action) {
        Button b = new Button(this, SWT.PUSH);
        b.setText(text);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        b.addListener(SWT.Selection, e -> action.run());
    }

    private Image swatch(int rgb) {
        return swatches.computeIfAbsent(rgb, c -> {
            Image image = new Image(getDisplay(), 14, 14);
            GC gc = new GC(image);
            gc.setBackground(new Color(c >> 16 & 0xFF, c >> 8 & 0xFF, c & 0xFF));
            gc.fillRectangle(0, 0, 14, 14);
            gc.dispose();
            return image;
        });
    }

    private void renameSelected() {
        document.object(selected).ifPresent(o -> {
            InputDialog dialog = new InputDialog(getShell(), "Rename object", "Name of object " + o.id(), o.name(),
                    s -> s.isBlank() ? "A name is needed" : null);
            if (dialog.open() == Window.OK) {
                document.renameObject(o.id(), dialog.getValue().strip());
            }
        });
    }

    private void deleteSelected() {
        document.object(selected).ifPresent(o -> {
            if (MessageDialog.openConfirm(getShell(), "Delete object", "Delete " + o.name()
                    + " and its pixels on every frame? (Undo brings it back.)")) {
                document.deleteObject(o.id());
            }
        });
    }

    private void recolourSelected() {
        document.object(selected).ifPresent(o -> {
            ColorDialog dialog = new ColorDialog(getShell());
            dialog.setRGB(new RGB(o.color() >> 16 & 0xFF, o.color() >> 8 & 0xFF, o.color() & 0xFF));
            RGB rgb = dialog.open();
            if (rgb != null) {
                document.recolorObject(o.id(), rgb.red << 16 | rgb.green << 8 | rgb.blue);
            }
        });
    }
}
