package io.dunninghub.evidence;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/** The part of an e-mail as sent that a person reads: its first text part, attachments named, not shown. */
public final class MailText {

    private MailText() {
    }

    /** The first plain-text part that is not an attachment; without one, the attachments' names; else empty. */
    public static String of(Part p) throws MessagingException, IOException {
        if (p.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            return String.valueOf(p.getContent());
        }
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                if (part.isMimeType("multipart/*") || part.isMimeType("text/plain")) {
                    String t = of(part);
                    if (!t.isEmpty()) {
                        return t;
                    }
                } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    b.append("[attachment ").append(part.getFileName()).append("]\n");
                }
            }
            return b.toString();
        }
        return "";
    }
}
