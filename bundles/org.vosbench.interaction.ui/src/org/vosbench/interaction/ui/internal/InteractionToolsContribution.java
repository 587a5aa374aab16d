package org.vosbench.interaction.ui.internal;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jface.dialogs.MessageDialog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vosbench.interaction.InteractionService;
import org.vosbench.interaction.InteractionSession;
import org.vosbench.interaction.InteractionSettings;
import org.vosbench.interaction.InvalidInteractionException;
import org.vosbench.interaction.InvalidInteractionException.Part;
import org.vosbench.ui.editor.SequenceEditorContribution;
import org.vosbench.ui.editor.SequenceEditorControl;

/**
 * Adds the Click, Box and Scribble tools to every sequence editor. The model of the preferences is
 * loaded on the first interaction and kept while the settings stay the same; it is closed with the editor.
 */
@Component(service = SequenceEditorContribution.class)
public final class InteractionToolsContribution implements SequenceEditorContribution {

    /** Tool ids on the editor's tool bar. */
    static final String CLICK = "interaction.click";
    static final String BOX = "interaction.box";
    static final String SCRIBBLE = "interaction.scribble";

    private final InteractionService service;

    /** @param service the interaction service */
    @Activate
    public InteractionToolsContribution(@Reference InteractionService service) {
        this.service = service;
    }

    @Override
    public void contribute(SequenceEditorControl control) {
        contribute(control, () -> InteractionPreferences.settings(service.registry()),
                message -> MessageDialog.openError(control.getShell(), "Interactive segmentation", message));
    }

    /**
     * @param control the editor
     * @param settings the model to use, asked on each interaction
     * @param problems shows a message
     * @return the three tools, by mode
     */
    InteractionTool[] contribute(SequenceEditorControl control, Supplier<InteractionSettings> settings,
            Consumer<String> problems) {
        Sessions sessions = new Sessions(service, settings);
        InteractionInput input = new InteractionInput();
        control.addDisposeListener(e -> {
            org.eclipse.core.runtime.jobs.Job running = input.job;
            if (running != null) {
                running.cancel();
                try {
                    running.join(5000, null); // the model checks cancellation between its stages
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            sessions.close();
        });
        InteractionTool click = new InteractionTool(control, InteractionTool.Mode.CLICK, input, sessions, problems);
        InteractionTool box = new InteractionTool(control, InteractionTool.Mode.BOX, input, sessions, problems);
        InteractionTool scribble = new InteractionTool(control, InteractionTool.Mode.SCRIBBLE, input, sessions, problems);
        control.addTool(CLICK, "Click", "Interactive segmentation: left click on the object, right click on what is"
                + " not (model in Preferences > VOS Bench > Interaction)", click);
        control.addTool(BOX, "Box", "Interactive segmentation: drag a box around the object", box);
        control.addTool(SCRIBBLE, "Scribble", "Interactive segmentation: left strokes on the object, right strokes on"
                + " the background", scribble);
        return new InteractionTool[] {click, box, scribble};
    }

    /** One open session per editor, reopened when the preferred settings change. */
    private static final class Sessions implements Supplier<InteractionSession> {
        private final InteractionService service;
        private final Supplier<InteractionSettings> settings;
        private InteractionSettings openSettings;
        private InteractionSession session;

        Sessions(InteractionService service, Supplier<InteractionSettings> settings) {
            this.service = service;
            this.settings = settings;
        }

        @Override
        public synchronized InteractionSession get() {
            InteractionSettings wanted = settings.get();
            if (session == null || !wanted.equals(openSettings)) {
                close();
                try {
                    session = service.open(wanted);
                } catch (IOException e) {
                    throw new InvalidInteractionException(Part.MODEL, e.getMessage());
                }
                openSettings = wanted;
            }
            return session;
        }

        synchronized void close() {
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }
}
