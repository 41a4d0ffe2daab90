package io.dunninghub.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** The readable text of a received e-mail, however it nests its parts. */
public final class Mails {

    private Mails() {
    }

    /** The first text/plain part's content (the message itself if it is plain text). */
    public static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multi) {
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart p = multi.getBodyPart(i);
                String t = text(p);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
