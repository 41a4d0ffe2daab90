package io.dunninghub.policy;

import io.dunninghub.policy.PolicyFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.common.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** policy.yaml as shipped and as ops get it wrong: every mistake names the file, the key and the problem. */
class PolicyConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("policy.yaml"), yaml);
    }

    @Test
    void shippedAndExamplePoliciesLoad() {
        ContactPolicy shipped = PolicyFile.load(Path.of("config/policy.yaml"));
        assertThat(shipped.defaults().caps().borrowerDay()).containsEntry("all", 4);
        assertThat(shipped.jurisdictions()).extracting(Jurisdiction::name).contains("CN");
        ContactPolicy china = PolicyFile.load(Path.of("config/examples/china-consumer-instalment/policy.yaml"));
        assertThat(china.defaults().windowFor("sms")).isEqualTo(ContactWindow.parse("08:00-22:00"));
        assertThat(china.defaults().holidays().contains(java.time.LocalDate.of(2026, 10, 3))).isTrue();
        assertThat(china.defaults().audiences()).containsExactly("borrower");
        ContactPolicy us = PolicyFile.load(Path.of("config/examples/us-regulation-f/policy.yaml"));
        assertThat(us.defaults().caps().debtWeek()).containsEntry("all", 7);
        assertThat(us.defaults().blockWorkEmail()).isTrue();
        assertThat(us.defaults().coolsDown("call")).isTrue();
        assertThat(us.defaults().coolsDown("email")).isFalse();
    }

    @Test
    void jurisdictionsInheritWhatTheyDoNotSay() throws Exception {
        ContactPolicy p = PolicyFile.load(write("""
                contact-windows: { default: "08:00-21:00", letter: always }
                caps: { borrower: { day: { all: 2 } } }
                jurisdictions:
                  mainland:
                    regions: [CN, HK]
                    contact-windows: { default: "08:00-22:00" }
                """));
        Jurisdiction j = p.jurisdictions().get(0);
        assertThat(j.regions()).containsExactlyInAnyOrder("CN", "HK");
        assertThat(j.windowFor("sms")).isEqualTo(ContactWindow.parse("08:00-22:00"));
        assertThat(j.windowFor("letter")).isEqualTo(ContactWindow.parse("08:00-22:00")); // windows replaced as a whole
        assertThat(j.caps().borrowerDay()).containsEntry("all", 2);
    }

    @Test
    void mistakesNameFileKeyAndProblem() throws Exception {
        assertThatThrownBy(() -> PolicyFile.load(write("jurisdictions: { US: { contact-windows: { sms: \"8:00-21:00\" } } }\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("policy.yaml: jurisdictions.US.contact-windows.sms: ").hasMessageContaining("bad time");
        assertThatThrownBy(() -> PolicyFile.load(write("caps: { borrower: { day: { sms: -1 } } }\n")))
                .hasMessageContaining("policy.yaml: caps.borrower.day.sms: must be 0 or more, got -1");
        assertThatThrownBy(() -> PolicyFile.load(write("caps: { borrower: { week: { sms: 1 } } }\n")))
                .hasMessageContaining("policy.yaml: caps.borrower.week: unknown key");
        assertThatThrownBy(() -> PolicyFile.load(write("caps: { debt: { 7-days: { all: three } } }\n")))
                .hasMessageContaining("caps.debt.7-days.all: must be a whole number");
        assertThatThrownBy(() -> PolicyFile.load(write("holidays: [2026-02-30]\n")))
                .hasMessageContaining("policy.yaml: holidays[0]: '2026-02-30' is not a date");
        assertThatThrownBy(() -> PolicyFile.load(write("audiences: [borrower, relative]\n")))
                .hasMessageContaining("policy.yaml: audiences[1]: 'relative' is not allowed");
        assertThatThrownBy(() -> PolicyFile.load(write("audiences: [guarantor]\n")))
                .hasMessageContaining("audiences: must include borrower");
        assertThatThrownBy(() -> PolicyFile.load(write("cool-down: { after-conversation: 7 days }\n")))
                .hasMessageContaining("cool-down.after-conversation: must be a duration like 7d");
        assertThatThrownBy(() -> PolicyFile.load(write("jurisdictions: { Mars: { audiences: [borrower] } }\n")))
                .hasMessageContaining("jurisdictions.Mars.(name): 'MARS' is not a region code");
        assertThatThrownBy(() -> PolicyFile.load(write("work-email: maybe\n")))
                .hasMessageContaining("work-email: must be block or allow");
        assertThatThrownBy(() -> PolicyFile.load(write("quiet-hours: \"21:00-08:00\"\n")))
                .hasMessageContaining("policy.yaml: quiet-hours: unknown key");
        assertThatThrownBy(() -> PolicyFile.load(write("caps: { borrower: { day: { SMS: 1 } } }\n")))
                .hasMessageContaining("caps.borrower.day.SMS: 'SMS' is not a channel name");
    }

    @Test
    void channelsTheFileNamesAreListedForValidate() throws Exception {
        ContactPolicy p = PolicyFile.load(write("""
                contact-windows: { default: always, wechat: "09:00-20:00" }
                caps: { borrower: { day: { smss: 1 } } }
                """));
        assertThat(p.channelKeys()).containsEntry("contact-windows.wechat", "wechat")
                .containsEntry("caps.borrower.day.smss", "smss");
    }
}
